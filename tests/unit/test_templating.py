"""The pages' shared Jinja helpers: filter-form options are escaped and mark what is chosen."""

from __future__ import annotations

from app.templating import document_options, options, render

HOSTILE = '"><script>window.__xss=1</script>'


def test_options_escape_values_and_texts_and_mark_the_chosen() -> None:
    html = str(options([{"id": "RUS", "name": "Russia"}, {"id": HOSTILE, "name": HOSTILE}, {"id": "X", "name": None}],
                       "id", "name", ["RUS"]))
    assert '<option value="RUS" selected>Russia</option>' in html
    assert "<script>" not in html and '"><' not in html
    assert "&#34;&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert '<option value="X">X</option>' in html  # no text: the value stands in
    assert str(options([{"id": "a"}], "id", "label", "a")) == '<option value="a" selected>a</option>'
    assert " selected" not in str(options([{"id": "a"}], "id", "label", None))


def test_document_options_escape_titles_and_cut_them() -> None:
    html = str(document_options([{"id": "d1", "date": "2024-01-02", "title": HOSTILE + "x" * 80},
                                 {"id": "d2", "date": None, "title": None}], "d2"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<option value="d2" selected> d2</option>' in html
    assert "x" * 60 not in html  # titles are cut at 60 characters


def test_filter_form_renders_through_the_helpers() -> None:
    choices = {"actors": [{"id": "RUS", "name": HOSTILE}], "terms": [{"id": "t", "label": "T"}],
               "documents": [{"id": "d", "date": "2024", "title": HOSTILE}], "relations": ["DEMANDS"],
               "statuses": ["willing"]}
    form = {"actor": ["RUS"], "term": [], "relation": [], "status": None, "date_from": None, "date_to": None,
            "doc": "d"}
    html = render("matrix.html", page="matrix", form=form, choices=choices, view={}, cell_count=0, source_count=0,
                  truncated=False, total=0)
    assert '<option value="RUS" selected>' in html and '<option value="d" selected>' in html
    assert "<script>window" not in html
