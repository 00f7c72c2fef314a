// title: Department cooperation
// description: Pairs of bodies named in the same activities (as actors, bodies mentioned or visitors' bodies), with
//   the number of items (paragraphs) that name both, most first. A body and its own units are not a pair. With a
//   department (name or any alias) only its partners are listed; without one each pair is listed once.
// param dept (string, default ""): one department, by its name or any alias
// returns: department, partner, activities
//
// In Neo4j Browser first run:  :params {dept: "商务厅"}
MATCH (event:Event)-[:ACTOR|MENTIONS|VISITOR_ORGANIZATION]->(a:Organization)
MATCH (event)-[:ACTOR|MENTIONS|VISITOR_ORGANIZATION]->(b:Organization)
WHERE a <> b
  AND NOT (a)-[:SUB_ORGANIZATION_OF*1..]->(b) AND NOT (b)-[:SUB_ORGANIZATION_OF*1..]->(a)
  AND (($dept = "" AND a.name < b.name) OR a.name = $dept OR $dept IN coalesce(a.aliases, []))
MATCH (event)-[:DERIVED_FROM]->(item:Item)
WITH a, b, count(DISTINCT item) AS activities
RETURN a.name AS department, b.name AS partner, activities
ORDER BY activities DESC, department, partner, a.iri, b.iri
