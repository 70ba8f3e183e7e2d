"""`python -m tests.neo4j_server`: serve a Neo4j 5 harness in the foreground (see the package docstring)."""

from tests.neo4j_server import main

main()
