// title: Visits by person
// description: Every visit of one official (by name as written) to the hall or a window: titles, organization,
//   date, purpose, where they went, report and evidence sentence.
// param name (string): the official's name, e.g. 李在伟
// returns: person, titles[], organization, date{start,end,precision}, purpose, target, report, evidence
//
// In Neo4j Browser first run:  :params {name: "李在伟"}
MATCH (visitor:Person {name: $name})
MATCH (visit:Visit)-[:VISITOR]->(visitor)
MATCH (visit)-[:DATE]->(when:DateInterval)
MATCH (visit)-[:DERIVED_FROM]->(item:Item)-[:PART_OF]->(report_node:Report)
OPTIONAL MATCH (visit)-[:VISITOR_ORGANIZATION]->(unit:Organization)
OPTIONAL MATCH (membership:Membership)-[:MEMBER]->(visitor),
               (membership)-[:MEMBER_DURING]->(when),
               (membership)-[:DERIVED_FROM]->(item),
               (membership)-[:ROLE]->(role:Role)
WITH visit, visitor, unit, when, item, report_node, collect(DISTINCT role.name) AS titles
RETURN visitor.name AS person, titles, unit.name AS organization,
       {start: when.startDate, end: when.endDate, precision: when.precision} AS date,
       visit.purpose AS purpose, visit.target AS target, report_node.sourceFile AS report,
       coalesce(visit.text, item.text) AS evidence
ORDER BY coalesce(toString(when.startDate), ""), coalesce(organization, ""), coalesce(report, ""), visit.iri
