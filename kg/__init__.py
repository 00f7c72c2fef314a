"""kg: Sichuan government-service bulletins -> a knowledge graph (departments, officials, visits, programs, figures)."""
