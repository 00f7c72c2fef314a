"""Loaders: turn extracted reports into RDF triples under the kg ontology."""
