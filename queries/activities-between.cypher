// title: Activities between dates
// description: The activities whose date falls in a period (an activity spanning days counts when it overlaps),
//   optionally of one type: one row per item (paragraph) and type, with the departments that carry it out (actors,
//   implicit actor, visitors' bodies) and the programs it names. Activities without a date are left out.
// param from (date, default 0001-01-01): the first day (YYYY-MM-DD)
// param to (date, default 9999-12-31): the last day (YYYY-MM-DD)
// param type (string, default ""): one type only: Visit, Inspection, Service, Training, Meeting, PolicyAction,
//   Publicity, SystemWork, StatisticsReport or OtherEvent
// returns: date{start,end,precision}, activity, departments[], programs[], report, text
//
// In Neo4j Browser first run:  :params {from: date("2025-03-01"), to: date("2025-03-31"), type: ""}
MATCH (event:Event)-[:DATE]->(when:DateInterval)
WITH event, when, [label IN labels(event) WHERE label <> "Event"][0] AS activity
WHERE ($type = "" OR activity = $type)
  AND coalesce(when.startDate, when.endDate) <= $to AND coalesce(when.endDate, when.startDate) >= $from
MATCH (event)-[:DERIVED_FROM]->(item:Item)-[:PART_OF]->(report_node:Report)
OPTIONAL MATCH (event)-[:ACTOR|IMPLICIT_ACTOR|VISITOR_ORGANIZATION]->(body:Organization)
OPTIONAL MATCH (event)-[:PROGRAM]->(program:Program)
WITH item, when, activity, report_node, collect(DISTINCT body.name) AS departments,
     collect(DISTINCT program.name) AS programs
RETURN {start: when.startDate, end: when.endDate, precision: when.precision} AS date, activity, departments,
       programs, report_node.sourceFile AS report, item.text AS text
ORDER BY coalesce(toString(when.startDate), ""), activity, coalesce(report, ""), item.iri, when.iri
