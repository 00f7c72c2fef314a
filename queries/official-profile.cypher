// title: Official profile
// description: The titles and organizations of one official (by name as written) over time: one row per date and
//   report that states them, earliest first.
// param name (string): the official's name, e.g. 李在伟
// returns: person, organization, titles[], date{start,end,precision}, report
//
// In Neo4j Browser first run:  :params {name: "李在伟"}
MATCH (member:Person {name: $name})
MATCH (membership:Membership)-[:MEMBER]->(member)
MATCH (membership)-[:MEMBER_DURING]->(when:DateInterval)
MATCH (membership)-[:DERIVED_FROM]->(item:Item)-[:PART_OF]->(report_node:Report)
OPTIONAL MATCH (membership)-[:ORGANIZATION]->(body:Organization)
OPTIONAL MATCH (membership)-[:ROLE]->(role:Role)
WITH member, body, when, report_node, collect(DISTINCT role.name) AS titles
RETURN member.name AS person, body.name AS organization, titles,
       {start: when.startDate, end: when.endDate, precision: when.precision} AS date,
       report_node.sourceFile AS report
ORDER BY coalesce(toString(when.startDate), ""), coalesce(toString(when.endDate), ""), coalesce(organization, ""),
         coalesce(report, ""), member.iri, when.iri, report_node.iri
