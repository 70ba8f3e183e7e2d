

def test_the_actors_file_generator_has_a_section_for_every_actor_kind() -> None:
    """An actor of a kind without a section was left out of the rendered actors.yaml (the generator then refused
    to write it: the rendering did not load back to the curated data)."""
    from graph.vocabulary import ActorKind
    from loaders.codebook_build import SECTIONS

    kinds = [kind for kind, _ in SECTIONS]
    assert sorted(kinds) == sorted(ActorKind)
