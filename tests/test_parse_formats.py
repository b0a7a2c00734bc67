"""Every note format of DESIGN.md, on fixtures written for these tests (not the user's notes)."""

from __future__ import annotations

import pytest

from dlcards.parse import detect, parse_note

from .conftest import FIXTURES


def cards_of(name: str) -> list[tuple[str, str]]:
    note = parse_note((FIXTURES / name).read_text(encoding="utf-8"), name)
    return [(c.question, c.answer) for c in note.cards]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("biology-flashcards.txt", "flat"),
        ("markdown-headings.md", "markdown"),
        ("qa-markers.md", "explicit"),
        ("inline-cards.txt", "explicit"),
        ("multiline.md", "explicit"),
        ("anki-export.txt", "delimited"),
        ("quizlet.tsv", "delimited"),
    ],
)
def test_format_is_detected_from_content(name: str, fmt: str) -> None:
    assert detect((FIXTURES / name).read_text(encoding="utf-8"), name) == fmt


def test_flat_notes_questions_without_mark_when_answers_subquestions_and_wraps() -> None:
    note = parse_note((FIXTURES / "biology-flashcards.txt").read_text(), "biology-flashcards.txt")
    assert note.name == "Cell Biology"
    got = {c.question: c.answer for c in note.cards}
    assert list(got)[:4] == [
        "What is the function of the mitochondria?",
        "What is osmosis?",
        "When does osmosis stop?",
        "Main stages of mitosis",  # a question without '?', found from the file's rhythm
    ]
    assert got["When does osmosis stop?"] == "When the concentrations on both sides are equal"
    assert got["Main stages of mitosis"].splitlines() == [
        "- prophase",
        "- metaphase",
        "- anaphase",
        "- telophase",
    ]
    assert got["Why do cells divide?"].splitlines() == [  # "Why?" stays inside the answer
        "growth and repair of tissue",
        "Why?",
        "–> damaged cells must be replaced",
    ]
    assert got["What is a ribosome made of?"] == ""  # consecutive questions: no answer
    assert got["What is the role of tRNA?"] == ""
    assert got["What does the Golgi apparatus do?"].endswith("secretion or for use inside the cell")
    assert got["Parts of a neuron"] == "dendrites, soma, axon, synapse"
    assert len(note.cards) == 10


def test_flat_question_with_its_answer_on_the_same_line() -> None:
    text = "What is 2+2? It is four, of course.\nWhat is the capital of Peru?\nLima\n"
    cards = parse_note(text, "x.txt").cards
    assert [(c.question, c.answer) for c in cards] == [
        ("What is 2+2?", "It is four, of course."),
        ("What is the capital of Peru?", "Lima"),
    ]


def test_markdown_headings_bold_questions_and_inline_questions() -> None:
    got = cards_of("markdown-headings.md")
    questions = [q for q, _ in got]
    assert questions == [
        "Gradient descent",
        "What is momentum?",
        "Why does Adam need bias correction?",
        "Learning rate",
        "Why do we decay the learning rate?",
    ]  # title heading, empty heading and the bold label are not cards
    answers = dict(got)
    assert "```python" in answers["Gradient descent"]  # code kept as Markdown
    assert answers["What is momentum?"].endswith("- speeds up along consistent directions")
    assert "**Key idea**" in answers["Why does Adam need bias correction?"]
    assert (
        answers["Why do we decay the learning rate?"] == "To take smaller steps near the optimum."
    )
    note = parse_note((FIXTURES / "markdown-headings.md").read_text(), "markdown-headings.md")
    assert note.name == "Optimisation Basics"


def test_qa_markers_give_exactly_the_marked_cards() -> None:
    assert cards_of("qa-markers.md") == [
        (
            "What does L2 regularisation add to the loss?",
            "The squared norm of the weights, scaled by lambda.",
        ),
        (
            "Which norm encourages sparsity?",
            "The L1 norm.\n   It drives small weights to exactly zero.",
        ),
        ("What is early stopping?", "Stop training when the validation loss stops improving."),
        ("What is dropout's keep probability called?", ""),
    ]


def test_inline_double_colon_cards_ignore_code() -> None:
    assert cards_of("inline-cards.txt") == [
        ("Capital of France", "Paris"),
        ("What does `std::vector` store?", "A dynamic array of elements"),
        ("The derivative of x^2", "2x"),
    ]


def test_multiline_cards_split_by_question_mark_line() -> None:
    assert cards_of("multiline.md") == [
        (
            "What are the three parts of the SM-2 state?",
            "- repetitions\n- easiness factor\n- interval",
        ),
        ("Name the default easiness factor", "2.5"),
    ]


def test_anki_tab_separated_export_with_html_and_tags() -> None:
    note = parse_note((FIXTURES / "anki-export.txt").read_text(), "anki-export.txt")
    assert [(c.question, c.answer, c.tags) for c in note.cards] == [
        ("What is ReLU?", "max(0, x)", ("activation", "basics")),
        ("Multi line front", "back with\nbreak", ()),
        ("Sigmoid range", "(0, 1)", ("activation",)),
    ]


def test_quizlet_tsv() -> None:
    assert cards_of("quizlet.tsv") == [
        ("der Hund", "the dog"),
        ("die Katze", "the cat"),
        ("das Pferd", "the horse"),
    ]


def test_html_export_skips_toc_title_and_footer() -> None:
    html = """<!DOCTYPE html><html><head><title>Physics</title></head><body>
    <div class="toc"><ul><li><a href="#forces">Forces</a></li></ul></div>
    <h1 id="physics">Physics</h1>
    <h2 id="forces">Forces</h2><p>F = m a, with a<sub>x</sub> along x.</p>
    <ul><li>gravity</li><li>friction</li></ul>
    <pre><code>print("no card::here")</code></pre>
    <h2 id="energy">Energy</h2><p>Energy is conserved.</p>
    <p>What is kinetic energy?<br>Half m v<sup>2</sup>.</p>
    <script>alert(1)</script>
    <blockquote><p>Written with <a href="https://example.org">SomeEditor</a>.</p></blockquote>
    </body></html>"""
    note = parse_note(html, "physics.html")
    assert note.container == "html" and note.name == "Physics"
    got = {c.question: c.answer for c in note.cards}
    assert list(got) == ["Forces", "Energy", "What is kinetic energy?"]
    assert "a<sub>x</sub>" in got["Forces"] and "- gravity" in got["Forces"]
    assert 'print("no card::here")' in got["Forces"]
    assert got["What is kinetic energy?"] == "Half m v<sup>2</sup>."
    assert all("alert" not in a and "Written with" not in a for a in got.values())


def test_markdown_chapter_of_questions_is_not_a_card_itself() -> None:
    text = (
        "# Course\n\n## Week 1\n\nWhat is a vector?\nAn ordered list of numbers.\n\n"
        "What is a matrix?\nA grid of numbers.\n\n## Week 2\n\nRank is the number of pivots.\n"
    )
    got = [(c.question, c.answer) for c in parse_note(text, "course.md").cards]
    assert got == [
        ("What is a vector?", "An ordered list of numbers."),
        ("What is a matrix?", "A grid of numbers."),
        ("Week 2", "Rank is the number of pivots."),
    ]


def test_prose_keeps_only_explicit_questions() -> None:
    text = (
        "Today we covered the history of the printing press in some detail.\n"
        "Gutenberg combined movable type with an oil-based ink and a screw press. This was new.\n"
        "The spread of print changed how universities taught. Books became cheaper quickly.\n"
        "Why did printing spread so fast? cheap paper and a large demand for books.\n"
        "Scholars also argued about authority, because texts could now be compared side by side.\n"
        "Which of the following cities had a press first, Mainz or Venice\n"
        "Literacy rose slowly over the next century, mostly in towns and among merchants.\n"
    )
    note = parse_note(text, "history-lecture.txt")
    assert note.format == "prose"
    assert [(c.question, c.answer) for c in note.cards] == [
        ("Why did printing spread so fast?", "cheap paper and a large demand for books."),
        ("Which of the following cities had a press first, Mainz or Venice", ""),
    ]


def test_questions_lose_markup_numbering_and_tags() -> None:
    text = "Q: **3. What is a tensor?** #flashcards #ml\nA: An n-dimensional array.\n"
    assert [c.question for c in parse_note(text, "t.md").cards] == ["What is a tensor?"]


def test_numbered_questions_are_questions_not_list_items() -> None:
    text = "1. What is the capital of France?\nParis\n2. Who wrote Hamlet?\nWilliam Shakespeare\n"
    cards = parse_note(text, "quiz.txt").cards
    assert [(c.question, c.answer) for c in cards] == [
        ("What is the capital of France?", "Paris"),
        ("Who wrote Hamlet?", "William Shakespeare"),
    ]


def test_term_definition_list_without_any_question() -> None:
    text = (
        "Spanish Vocabulary\nel perro\nthe dog\nla casa\nthe house\nlos colores\n- rojo\n- azul\n"
    )
    note = parse_note(text, "vocab.txt")
    assert note.name == "Spanish Vocabulary"
    assert [(c.question, c.answer) for c in note.cards] == [
        ("el perro", "the dog"),
        ("la casa", "the house"),
        ("los colores", "- rojo\n- azul"),
    ]


def test_short_prose_with_several_questions_is_still_prose() -> None:
    text = (
        "In today's seminar we discussed the causes of the war, the alliance system and the arms"
        " race between the great powers.\n"
        "Nationalism in the Balkans created tension that the empire saw as a threat to its"
        " existence. The assassination triggered mobilisations.\n"
        "What was the Schlieffen Plan? A strategy to defeat France quickly before turning east.\n"
        "Historians still debate how much responsibility each power bears for the outbreak of"
        " the war in the summer.\n"
        "Why did the war become a stalemate on the Western Front?\n"
        "Next week we will cover the home front and total war economies in detail, with the"
        " readings from chapter four.\n"
    )
    note = parse_note(text, "seminar.txt")
    assert note.format == "prose"
    assert [(c.question, c.answer) for c in note.cards] == [
        (
            "What was the Schlieffen Plan?",
            "A strategy to defeat France quickly before turning east.",
        ),
        ("Why did the war become a stalemate on the Western Front?", ""),
    ]


def test_bold_question_opening_a_paragraph_with_its_answer() -> None:
    text = (
        "# Networking\n\n**What is DNS?** The system that maps names to addresses.\n\n"
        "### What is a subnet mask?\nIt separates network and host.\n"
    )
    note = parse_note(text, "net.md")
    assert note.name == "Networking"
    assert [(c.question, c.answer) for c in note.cards] == [
        ("What is DNS?", "The system that maps names to addresses."),
        ("What is a subnet mask?", "It separates network and host."),
    ]


def test_tsv_header_row_is_not_a_card_and_explicit_notes_take_their_heading_as_name() -> None:
    tsv = "Front\tBack\nmitosis\tcell division\nmeiosis\tgamete division\n"
    assert [c.question for c in parse_note(tsv, "bio.tsv").cards] == ["mitosis", "meiosis"]
    note = parse_note("# Biology\n\nMitochondria :: the powerhouse\nATP :: energy\n", "b.md")
    assert note.name == "Biology" and len(note.cards) == 2


def test_html_code_blocks_keep_their_language() -> None:
    html = (
        "<html><head><title>T</title></head><body><h2>Code</h2><p>Run:</p>"
        "<pre><code class='language-python'>x = 1</code></pre></body></html>"
    )
    assert "```python\nx = 1\n```" in parse_note(html, "t.html").cards[0].answer


def test_study_prompts_numbered_q_and_answer_labels_and_nested_answers() -> None:
    prompts = (
        "Thermodynamics\nDefine entropy.\nA measure of disorder.\n"
        "Explain why heat flows from hot to cold.\nBecause total entropy increases.\n"
    )
    note = parse_note(prompts, "thermo.txt")
    assert note.name == "Thermodynamics"
    assert [c.question for c in note.cards] == [
        "Define entropy.",
        "Explain why heat flows from hot to cold.",
    ]
    qnum = "Q1. What is photosynthesis?\nAns: Light to chemical energy.\nQ2. Where?\nAns: Leaves.\n"
    first = parse_note(qnum, "q.txt").cards[0]
    assert (first.question, first.answer) == (
        "What is photosynthesis?",
        "Light to chemical energy.",
    )
    nested = (
        "- What is a hash table?\n  Keys mapped to values.\n- What is a collision?\n"
        "  Two keys in one slot.\n"
    )
    assert [(c.question, c.answer) for c in parse_note(nested, "h.md").cards] == [
        ("What is a hash table?", "Keys mapped to values."),
        ("What is a collision?", "Two keys in one slot."),
    ]


def test_flat_topic_lines_leading_lists_and_labels_are_questions() -> None:
    note = parse_note((FIXTURES / "os-flashcards.txt").read_text(), "os-flashcards.txt")
    got = {c.question: c.answer for c in note.cards}
    assert note.name == "Operating Systems"
    assert got["Deadlock conditions"].splitlines()[0] == "- mutual exclusion"
    assert got["Difference between paging and segmentation"].startswith("Paging: fixed-size")
    assert got["What is a mutex?"] == "A lock that only the owner can release"
    assert got["Why use threads instead of processes?"].splitlines()[2] == "How?"  # sub-question
    assert got["How to prevent race conditions?"] == "" and got["What is a semaphore?"] == ""
    assert got["What happens on a page fault?"].splitlines()[1] == "restarts the instruction"


def test_half_the_questions_without_question_marks() -> None:
    note = parse_note((FIXTURES / "econ-flashcards.txt").read_text(), "econ-flashcards.txt")
    got = {c.question: c.answer for c in note.cards}
    assert got["Law of demand"].startswith("As the price of a good rises")
    assert got["Price elasticity of demand"].splitlines() == [
        "% change in quantity demanded / % change in price",
        "=> elastic if > 1",
    ]
    assert got["What shifts the demand curve?"].splitlines()[-1] == "- expectations"
    assert got["What is a Giffen good?"].splitlines()[1].startswith("Example: staple foods")


FLAT_BODY = "What is a tensor?\nAn n-dimensional array.\nWhy normalise inputs?\nFaster training.\n"


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("# Tensors\n\n" + FLAT_BODY, "markdown"),  # an ATX heading
        ("Tensors\n=======\n\n" + FLAT_BODY, "markdown"),  # setext underlines
        ("Tensors\n-------\n\n" + FLAT_BODY, "markdown"),
        ("**What is a tensor?**\nAn array.\n\n**Why normalise?**\nSpeed.\n", "markdown"),
        ("**What is a tensor?**\nAn array.\nWhy normalise inputs?\nSpeed.\n", "flat"),
        (FLAT_BODY + "\n---\n\n" + FLAT_BODY, "flat"),  # a rule after a blank line, no title
        ("```\n# a comment, not a heading\n```\n" + FLAT_BODY, "flat"),
        ("C# and F# notes\n" + FLAT_BODY, "flat"),
    ],
)
def test_markdown_is_told_by_headings_bold_question_lines_or_underlines(
    text: str, fmt: str
) -> None:
    assert detect(text, "notes.txt") == fmt
