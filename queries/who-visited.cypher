// title: Who visited
// description: Officials of one department who came to the government service hall or a window, with their titles
//   there, the date, the purpose and the sentence that says so. The department is named by its full name or any
//   alias (商务厅, 省药监局, 四川省商务厅); visitors from its units (处, 总队, 政治部) count too. Visits whose dates
//   are unknown are kept.
// param dept (string): the department, by its name or any alias
// param from (date, default 0001-01-01): only visits that end on or after this day (YYYY-MM-DD)
// param to (date, default 9999-12-31): only visits that start on or before this day (YYYY-MM-DD)
// returns: person, titles[], organization, date{start,end,precision}, purpose, target, report, evidence
//
// In Neo4j Browser first run:  :params {dept: "商务厅", from: date("0001-01-01"), to: date("9999-12-31")}
MATCH (department:Organization)
WHERE department.name = $dept OR $dept IN coalesce(department.aliases, [])
MATCH (unit:Organization)-[:SUB_ORGANIZATION_OF*0..]->(department)
MATCH (visit:Visit)-[:VISITOR_ORGANIZATION]->(unit)
MATCH (visit)-[:VISITOR]->(visitor:Person)
MATCH (visit)-[:DATE]->(when:DateInterval)
MATCH (visit)-[:DERIVED_FROM]->(item:Item)-[:PART_OF]->(report_node:Report)
WITH DISTINCT visit, visitor, unit, when, item, report_node
WHERE coalesce(coalesce(when.endDate, when.startDate) >= $from, true)
  AND coalesce(coalesce(when.startDate, when.endDate) <= $to, true)
// the titles the visitor is written with in this item, for this visit's date
OPTIONAL MATCH (membership:Membership)-[:MEMBER]->(visitor),
               (membership)-[:ORGANIZATION]->(unit),
               (membership)-[:MEMBER_DURING]->(when),
               (membership)-[:DERIVED_FROM]->(item),
               (membership)-[:ROLE]->(role:Role)
WITH visit, visitor, unit, when, item, report_node, collect(DISTINCT role.name) AS titles
RETURN visitor.name AS person, titles, unit.name AS organization,
       {start: when.startDate, end: when.endDate, precision: when.precision} AS date,
       visit.purpose AS purpose, visit.target AS target, report_node.sourceFile AS report,
       coalesce(visit.text, item.text) AS evidence
ORDER BY coalesce(toString(when.startDate), ""), coalesce(person, ""), coalesce(organization, ""), coalesce(report, ""),
         visit.iri
