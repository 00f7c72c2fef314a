// title: Department profile
// description: What the bulletins say about one department (named by its name or any alias) and its units: its
//   aliases, the officials seen with their titles (count: items that name them), its activities by type and the
//   programs of those activities (count: items, i.e. paragraphs, that report them). An activity is the
//   department's when the department or a unit of it carries it out (actor, implicit actor) or is the body of a
//   visitor.
// param dept (string): the department, by its name or any alias
// returns: department, facet, value, detail[], count
//
// In Neo4j Browser first run:  :params {dept: "商务厅"}
MATCH (org:Organization)
WHERE org.name = $dept OR $dept IN coalesce(org.aliases, [])
CALL (org) {
  UNWIND coalesce(org.aliases, []) AS alias
  RETURN "alias" AS facet, alias AS value, null AS title, null AS counted
  UNION ALL
  MATCH (unit:Organization)-[:SUB_ORGANIZATION_OF*0..]->(org)
  MATCH (membership:Membership)-[:ORGANIZATION]->(unit)
  MATCH (membership)-[:MEMBER]->(person:Person)
  MATCH (membership)-[:DERIVED_FROM]->(item)
  OPTIONAL MATCH (membership)-[:ROLE]->(role:Role)
  RETURN "official" AS facet, person.name AS value, role.name AS title, item.iri AS counted
  UNION ALL
  MATCH (unit:Organization)-[:SUB_ORGANIZATION_OF*0..]->(org)
  MATCH (event:Event)-[:ACTOR|IMPLICIT_ACTOR|VISITOR_ORGANIZATION]->(unit)
  MATCH (event)-[:DERIVED_FROM]->(item)
  RETURN "activity" AS facet, [label IN labels(event) WHERE label <> "Event"][0] AS value, null AS title,
         item.iri AS counted
  UNION ALL
  MATCH (unit:Organization)-[:SUB_ORGANIZATION_OF*0..]->(org)
  MATCH (event:Event)-[:ACTOR|IMPLICIT_ACTOR|VISITOR_ORGANIZATION]->(unit)
  MATCH (event)-[:PROGRAM]->(program:Program)
  MATCH (event)-[:DERIVED_FROM]->(item)
  RETURN "program" AS facet, program.name AS value, null AS title, item.iri AS counted
}
WITH org, facet, value, collect(DISTINCT title) AS detail, count(DISTINCT counted) AS n
WHERE value IS NOT NULL
RETURN org.name AS department, facet, value, detail, n AS `count`
ORDER BY coalesce(department, ""), facet, `count` DESC, value, org.iri
