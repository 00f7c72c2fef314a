// title: Program timeline
// description: The activities that name a program (reform program, service brand, campaign), by date: one row per
//   program and item (paragraph), with the departments involved (actors, implicit actor, bodies mentioned,
//   visitors' bodies). Programs are matched by any part of their name (一件事 finds 高效办成一件事); an empty
//   name lists every program.
// param name (string, default ""): part of the program's name
// returns: program, date{start,end,precision}, activity, departments[], report, text
//
// In Neo4j Browser first run:  :params {name: "一件事"}
MATCH (event:Event)-[:PROGRAM]->(program:Program)
WHERE program.name CONTAINS $name
MATCH (event)-[:DERIVED_FROM]->(item:Item)-[:PART_OF]->(report_node:Report)
OPTIONAL MATCH (event)-[:DATE]->(when:DateInterval)
OPTIONAL MATCH (event)-[:ACTOR|IMPLICIT_ACTOR|MENTIONS|VISITOR_ORGANIZATION]->(body:Organization)
WITH program, item, when, [label IN labels(event) WHERE label <> "Event"][0] AS activity, report_node,
     collect(DISTINCT body.name) AS departments
RETURN program.name AS program,
       {start: when.startDate, end: when.endDate, precision: when.precision} AS date,
       activity, departments, report_node.sourceFile AS report, item.text AS text
ORDER BY coalesce(toString(when.startDate), ""), program, coalesce(report, ""), item.iri, coalesce(when.iri, "")
