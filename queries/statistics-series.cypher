// title: Statistics series
// description: One metric (as extracted, e.g. 受理, 行政许可事项受理) across reports, by period: value, unit, scope,
//   whether it is a running total, and the report it is read from.
// param metric (string): the metric's name, exactly as extracted
// returns: metric, scope, value, unit, period{start,end}, cumulative, report
//
// In Neo4j Browser first run:  :params {metric: "行政许可事项受理"}
MATCH (statistic:Statistic {metric: $metric})
OPTIONAL MATCH (statistic)-[:PERIOD]->(period:DateInterval)
OPTIONAL MATCH (statistic)-[:DERIVED_FROM]->(:Item)-[:PART_OF]->(report_node:Report)
RETURN statistic.metric AS metric, statistic.scope AS scope, statistic.value AS value, statistic.unit AS unit,
       {start: period.startDate, end: period.endDate} AS period, statistic.cumulative AS cumulative,
       report_node.sourceFile AS report
ORDER BY coalesce(toString(period.start), ""), coalesce(toString(period.end), ""), coalesce(scope, ""), value,
         coalesce(report, ""), statistic.iri
