"""Every container and card style of issue #13, on fixtures written for these tests in the
styles real notes use (tests/fixtures/styles/), not copied from anybody's notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlcards.parse import container_for, parse_note

from .conftest import FIXTURES
from .docx_files import paragraph, write_docx

STYLES = FIXTURES / "styles"


def read(name: str):
    path = STYLES / name
    data = path.read_bytes()
    return parse_note(data if name.endswith(".docx") else data.decode("utf-8"), name)


def pairs(name: str) -> list[tuple[str, str]]:
    return [(c.question, c.answer) for c in read(name).cards]


@pytest.mark.parametrize(
    ("name", "container", "style"),
    [
        ("cells.csv", "csv", "delimited"),
        ("chemistry-semicolons.txt", "text", "delimited"),
        ("formulas.txt", "text", "delimited"),
        ("tutorial.ipynb", "notebook", "markdown"),
        ("drill.org", "org", "org cards"),
        ("semantics.org", "org", "markdown"),
        ("logseq-page.md", "markdown", "outline cards"),
        ("anki-blocks.md", "markdown", "anki blocks"),
        ("details.md", "markdown", "markdown"),
        ("entropy.rst", "rst", "markdown"),
        ("java.adoc", "asciidoc", "markdown"),
        ("networks.adoc", "asciidoc", "markdown"),
        ("callouts.md", "markdown", "markdown"),
        ("one-line-qa.md", "markdown", "explicit"),
        ("organelles-arrows.txt", "text", "delimited"),
        ("history-bank.txt", "text", "flat"),
    ],
)
def test_container_and_style_are_detected(name: str, container: str, style: str) -> None:
    note = read(name)
    assert container_for(name) == container == note.container
    assert note.format == style


def test_csv_deck_with_header_quotes_crlf_html_and_multiline_fields() -> None:
    note = read("cells.csv")
    assert [(c.question, c.answer, c.tags) for c in note.cards] == [
        ("What does a ribosome make?", "Proteins, from the code in mRNA.", ("cell", "biology")),
        ('Which organelle holds "the" genome?', "The **nucleus**\n(in eukaryotes)", ("cell",)),
        ("Osmosis", "Water moving across a membrane\nfrom low to high solute concentration", ()),
    ]  # the header row is no card, the guid column no text


def test_separator_lists_split_at_the_first_separator_and_at_a_lone_question_mark() -> None:
    assert pairs("chemistry-semicolons.txt") == [
        ("What is the charge of an electron?", "Negative (-1 e)."),
        ("Avogadro's number", "6.022 x 10^23 particles per mole"),
        ("What does pH measure?", "The concentration of hydrogen ions."),
        ("Which gas is needed for combustion?", "Oxygen"),
    ]
    assert pairs("formulas.txt")[2] == ("CO2", "Carbon dioxide; made when carbon burns")
    arrows = pairs("organelles-arrows.txt")
    assert len(arrows) == 5
    assert arrows[0] == ("Nucleus", "holds the chromosomes")
    assert arrows[4] == ("Cell wall", "keeps a plant cell rigid -> made of cellulose")
    assert pairs("physics-equals.txt")[1] == ("momentum", "mass times velocity")
    assert len(pairs("physics-equals.txt")) == 4


def test_notebook_cells_code_after_a_question_and_comment_cells() -> None:
    note = read("tutorial.ipynb")
    assert note.name == "Open questions"
    assert pairs("tutorial.ipynb") == [
        (
            "Why do we standardise features before ridge regression?",
            "- the penalty treats all weights alike",
        ),
        (
            "How many parameters does a linear model with $d$ inputs have?",
            "```python\nd = 3\nprint(d + 1)\n```",
        ),  # the code cell after a question answers it; its output is not note text
        (
            "Difference between bias and variance",
            "bias: error from wrong assumptions\nvariance: error from sensitivity to the sample",
        ),
        ("What is regularisation", "adding a penalty for large weights"),
    ]


def test_org_drill_cards_and_description_lists() -> None:
    assert read("drill.org").name == "Capitals drill"
    assert pairs("drill.org") == [
        ("What is the capital of Peru?", "Lima."),  # the property drawer is metadata
        ("Name the longest river in Africa.", "The Nile"),
        ("The {{c1::Danube}} flows into the {{c2::Black Sea::a sea}}.", ""),  # org-fc's cloze
        (
            "Lake {{c1::Titicaca}} lies between Peru and {{c2::Bolivia::a country}}.\n"
            "See [the atlas](https://example.org/lakes), and check [ ] the map.",
            "",
        ),  # org-drill's cloze, one deletion per study card; a link and a checkbox stay
        ("Which city is the capital of Kenya?", "Nairobi."),  # compact: no sub-heading
        ("perro", "dog"),  # two sides
    ]  # drawers (org-fc's review data too) and SCHEDULED lines are the tools' bookkeeping
    assert [c.kind for c in read("drill.org").cards] == [
        "basic",
        "basic",
        "cloze",
        "cloze",
        "basic",
        "reversed",
    ]
    assert pairs("semantics.org") == [
        ("What is a morpheme?", "The smallest unit of meaning."),
        ("What is compositionality?", "```text\nmeaning(whole) = f(meaning(parts))\n```"),
    ]  # "term :: definition" items are a description list; headings without text no cards


def test_logseq_card_blocks_lose_their_properties() -> None:
    note = read("logseq-page.md")
    assert pairs("logseq-page.md") == [
        ("What do xylem vessels carry?", "- water and minerals\n\t- from the roots upward"),
        ("What do phloem tubes carry?", "- sugars, both ways"),
        ("Water leaves a leaf through its {{c1::stomata}}.\n\n- (mostly on the underside)", ""),
    ]  # Logseq's own cloze syntax; the child block is the cloze's extra text
    assert [c.kind for c in note.cards] == ["basic", "basic", "cloze"]
    assert note.name == "Plants"  # the page's title:: property
    assert note.cards[0].line == 3
    assert not any("::" in c.answer for c in note.cards)


def test_obsidian_to_anki_blocks_are_the_only_cards() -> None:
    note = read("anki-blocks.md")
    assert [(c.question, c.answer, c.tags) for c in note.cards] == [
        ("Capital of Australia", "Canberra\n![image](<canberra map.png>)", ()),
        ("What is the capital of Canada?", "Ottawa", ("america",)),
    ]  # the ID comment is the tool's metadata; the image embed is a Markdown image


def test_details_blocks_with_tags_and_difficulty_marks() -> None:
    assert pairs("details.md") == [
        ("What does the three-way handshake do?", "It opens a connection: SYN, SYN-ACK, ACK."),
        (
            "Why does TCP need sequence numbers?",
            "To put segments back in order and to spot the missing ones.\n\n"
            "- retransmission uses them\n- so does flow control",
        ),
    ]  # the table of contents and the headings are no cards


def test_bold_numbered_questions_with_nested_and_lazy_answers() -> None:
    assert pairs("bold-numbered.md") == [
        ("What is photosynthesis?", "- Plants turning light, water and CO2 into sugar and oxygen."),
        ("Where in the cell does it happen?", "In the chloroplasts."),
        ("Name the two stages of photosynthesis.", "Light reactions and the Calvin cycle."),
        ("What pigment absorbs the light?", ""),
    ]


def test_numbered_questions_with_ans_labels_and_roman_subquestions() -> None:
    assert pairs("numbered-ans.md") == [
        (
            "What is a p-value?",
            "The probability of data at least this extreme if the null hypothesis holds.",
        ),
        (
            "What does a 95% interval promise?",
            "That the procedure covers the true value in 95% of repeated samples.",
        ),
        (
            "Why is it not a probability about the parameter?",
            "The parameter is fixed; only the interval is random.",
        ),
    ]  # "2. Confidence intervals." only groups the questions after it


def test_glossary_entries_with_dashes_colons_and_nested_notes() -> None:
    assert pairs("glossary.md") == [
        ("Supply", "How much producers offer at each price."),
        ("Demand", "How much buyers want at each price.\n\t- shifts with income and tastes"),
        ("Equilibrium ($p^*$)", "The price where supply meets demand."),
        ("Elasticity", "how strongly demand answers a change in price."),
    ]


def test_outline_question_bullets_and_prose_sections_as_context() -> None:
    assert pairs("outline.md") == [
        ("What variable did you change?", "- The temperature of the water bath."),
        ("What did you measure?", "- The time until the solution turned blue."),
        ("How did the rate change with temperature?", "- It roughly doubled every 10 degrees."),
        ("Catalyst trial (week 3)", "- Still to be repeated with fresh enzyme."),
        ("Does the pH matter?", ""),
        ("Would stirring change the rate?", ""),
    ]  # a topic bullet opening a section is a card; one over questions only groups them;
    # "Overview" prose and the License section are context


def test_plain_text_layouts_records_banks_and_blocks() -> None:
    assert pairs("spanish-records.txt") == [
        ('The Spanish word for "cat" is [...].', "gato"),
        ("Which verbs are irregular in the present tense?", "- ser\n- ir"),
        ('"Tengo hambre" means [...].', "I am hungry"),
    ]
    assert pairs("history-bank.txt") == [
        ("When was the Roman Republic founded?", ""),
        ("Who crossed the Rubicon in 49 BC?", ""),
        ("Describe the reforms of Augustus.", ""),
        ("What was the feudal system?", ""),
        ("Why did the Black Death spread so quickly?", ""),
    ]  # "Ancient Rome -" labels a section
    blocks = dict(pairs("physics-blocks.txt"))
    assert blocks["Why does ice float?"].startswith("It is less dense")
    assert "Hydrogen bonds hold it in an open lattice, does that make it lighter?" not in blocks


def test_rst_and_asciidoc_notes() -> None:
    rst = read("entropy.rst")
    assert rst.name == "Cheat sheet"
    assert [c.question for c in rst.cards] == ["Entropy", "Perplexity"]
    assert "H(p) = -\\sum p \\log p" in rst.cards[0].answer
    assert pairs("java.adoc")[:4] == [
        ("What is a HashMap?", "A table of key-value pairs found by the keys' hash codes."),
        ("Why must equals and hashCode agree?", "Equal keys must land in the same bucket."),
        ("Can you name some uses of generics", "Type-safe collections and reusable algorithms."),
        ("What does the diamond operator do?", "It infers the type arguments."),
    ]  # in a file that asks in bold, a line asking with a bold phrase in it asks too
    assert [q for q, _ in pairs("java.adoc")[4:]] == ["What is boxing?", "Is a List ordered?"]


def test_asciidoc_qanda_glossary_block_titles_and_continuations() -> None:
    assert pairs("networks.adoc") == [
        (
            "What does a router do?",
            "It forwards packets between networks by their destination address.",
        ),
        (
            "Why is TCP slower to start than UDP?",
            "It opens every connection with a three-way handshake.",
        ),
        ("Latency", "The time a packet takes to cross the network."),
        (
            "Bandwidth",
            "How much data a link carries per second.\n\nIt is measured in bits per second.",
        ),
        ("Jitter", "The variation in latency between packets."),
        ("Which protocol routes between autonomous systems?", "BGP, the Border Gateway Protocol."),
        ("What is a routing loop?", "Packets circling between routers until their TTL runs out."),
        (
            "Ethernet frames",
            "Each frame carries a source and a destination MAC address and a checksum.",
        ),  # a bold topic's answer stands a blank line below it, and is no card of its own
        ("difference between a hub and a switch", ""),
        (
            "why does a switch learn MAC addresses and not IP addresses",
            "A switch forwards frames, and frames are addressed by MAC.",
        ),
        ("Port 22", "SSH, the secure shell."),
        ("Port 53", "DNS, names to addresses."),  # a table's row may put a cell on each line
    ]  # "[qanda]", "[glossary]" and ":toc:" are markup; ".Title" captions ask in bold


def test_a_glossary_table_among_heading_questions_is_one_card_per_term() -> None:
    note = parse_note(
        "# Databases\n\n## What is an index?\n\nA structure that finds rows without a scan.\n\n"
        "## Why normalise a schema?\n\nSo each fact is stored once.\n\n## Terms\n\n"
        "| Term | Definition |\n| --- | --- |\n| Tuple | A row of a relation. |\n"
        "| Arity | The number of attributes of a relation. |\n",
        "databases.md",
    )
    assert [(c.question, c.answer) for c in note.cards] == [
        ("What is an index?", "A structure that finds rows without a scan."),
        ("Why normalise a schema?", "So each fact is stored once."),
        ("Tuple", "A row of a relation."),
        ("Arity", "The number of attributes of a relation."),
    ]  # the heading "Terms" names the glossary, it is no card holding a table


def test_notion_toggles_exported_as_html_are_cards() -> None:
    note = read("notion-toggles.html")
    assert note.name == "Immunology"
    assert [(c.question, c.answer, c.line) for c in note.cards] == [
        ("What do B cells make?", "Antibodies.", 5),
        (
            "What do helper T cells do?",
            "They signal other immune cells to act.\n\n- through cytokines",
            7,
        ),
        ("Which cells kill infected cells?", "Cytotoxic T cells and natural killer cells.", 9),
    ]  # a toggle is its summary and its content, in a list of toggles or not


def test_obsidian_callouts_that_ask_are_cards_and_the_others_context() -> None:
    assert pairs("callouts.md") == [
        ("What is opportunity cost?", "The value of the best alternative given up."),
        ("Why do prices rise when supply falls?", "Buyers compete for fewer goods."),
        ("What is GDP?", "The market value of all final goods produced in a year."),
        ("Which curve shifts when incomes rise?", "The demand curve, to the right."),
    ]  # a folded answer callout nested in a question; "[!note] Lecture 4" asks nothing
    assert [s[1] for s in read("callouts.md").sections] == ["question callouts"]


def test_question_and_answer_markers_on_one_line() -> None:
    assert pairs("one-line-qa.md") == [
        ("What is the worst case of quicksort?", "O(n^2), when every pivot is an extreme."),
        ("Is merge sort stable?", "Yes."),
        ("What does heapsort need in extra space?", "O(1)."),
        (
            "Which sort suits nearly sorted input?",
            "Insertion sort,\nsince each element moves only a little.",
        ),
    ]


def test_numbered_questions_with_a_labelled_answer_on_the_next_line() -> None:
    assert pairs("os-numbered-ans.md") == [
        (
            "What is a deadlock?",
            "A set of processes each waiting for a resource another one holds.",
        ),
        (
            "How can deadlock be prevented?",
            "By breaking one of the four conditions, e.g. ordering resource requests.",
        ),
        ("Explain paging.", "Memory is split into fixed-size pages mapped to frames."),
    ]  # "Ans:" continues the item's paragraph; "Ans -" labels as well


def test_lower_case_questions_with_answers_indented_under_them() -> None:
    note = read("cells-indented.txt")
    assert pairs("cells-indented.txt") == [
        ("what is a cell", "the smallest unit of life\nall living things are made of cells"),
        ("what are prokaryotes", "cells without a nucleus\ne.g. bacteria"),
        ("name three organelles", "nucleus, mitochondria, ribosome"),
    ]  # no line asks plainly, but each indented line belongs to the one above it
    assert note.name == "BIOLOGY 101 - WEEK 2"


def test_term_and_definition_labels() -> None:
    assert pairs("terms-labelled.md") == [
        ("Idempotent", "gives the same result however often it is repeated."),
        ("Stateless", "keeps no memory between requests."),
    ]


def test_a_banked_yes_no_question_holds_its_answer_after_a_dash() -> None:
    note = parse_note(
        "## Java\n\n**What is a HashMap?**\n\nA table of keys found by their hash codes.\n\n"
        "**Why make a class final?**\n\nSo nobody can extend it.\n\n"
        "What is a record - an example of a data class\n"
        "Can a record have methods - yes, and static fields\n"
        "Is a TreeMap sorted?\n",
        "java.md",
    )
    assert [(c.question, c.answer) for c in note.cards][2:] == [
        ("What is a record - an example of a data class", ""),  # it goes on asking
        ("Can a record have methods", "yes, and static fields"),
        ("Is a TreeMap sorted?", ""),
    ]


def test_a_question_right_under_a_question_is_a_card_of_its_own() -> None:
    note = parse_note(
        "What is a hash table?\nAn array indexed by the hash of the key.\n\n"
        "What is a collision?\n"
        "How are collisions resolved in open addressing?\n"
        "By probing for the next free slot.\n\n"
        "What is the load factor?\nEntries divided by slots.\n\n"
        "Why resize a hash table?\nTo keep lookups close to constant time.\n",
        "hashing.txt",
    )
    assert [(c.question, c.answer) for c in note.cards] == [
        ("What is a hash table?", "An array indexed by the hash of the key."),
        ("What is a collision?", ""),
        ("How are collisions resolved in open addressing?", "By probing for the next free slot."),
        ("What is the load factor?", "Entries divided by slots."),
        ("Why resize a hash table?", "To keep lookups close to constant time."),
    ]


def test_rst_admonitions_definition_lists_and_heading_questions_together() -> None:
    note = read("thermo.rst")
    assert note.name == "Thermodynamics"
    assert [q for q, _ in pairs("thermo.rst")] == [
        "What does the first law say?",
        "What does the second law say?",
        "Enthalpy",
        "Entropy",
        "What is absolute zero?",
        "Why can't a heat engine be 100% efficient?",
    ]  # the definition list is a glossary beside the rest; ".. note::" asks nothing
    answers = dict(pairs("thermo.rst"))
    assert answers["Entropy"] == "A measure of the number of microstates."
    assert answers["What is absolute zero?"] == (
        "The temperature at which a system has minimum energy."
    )  # "admonition:: Question": its body asks, then answers


def test_word_document_bold_questions_and_heading(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "ecology.docx",
        [
            paragraph("Ecology revision", style="Heading1"),
            paragraph(("What is a food web?", True)),
            paragraph("The network of who eats whom in an ecosystem."),
            paragraph(("Name two decomposers.", True)),
            paragraph("Fungi and bacteria."),
            paragraph(("Why do top predators matter?", True)),
            paragraph("They keep the numbers of grazers in check."),
        ],
    )
    note = parse_note(path.read_bytes(), path.name)
    assert (note.container, note.name) == ("docx", "Ecology revision")
    assert [(c.question, c.answer) for c in note.cards] == [
        ("What is a food web?", "The network of who eats whom in an ecosystem."),
        ("Name two decomposers.", "Fungi and bacteria."),
        ("Why do top predators matter?", "They keep the numbers of grazers in check."),
    ]


def test_word_document_topic_bank_with_prompts_and_bold_answers(tmp_path: Path) -> None:
    """A student's loose interview document: topic lines and typed questions with no
    answers, a bold "...:" prompt whose plain lines are its answer, quiz lines ending in
    their bold answer, then bold questions under a heading."""
    path = write_docx(
        tmp_path / "stats interview.docx",
        [
            paragraph("Mean vs Median"),
            paragraph("Difference between variance and standard deviation"),
            paragraph(("Reducing noise in a survey:", True)),
            paragraph("Asking more people"),
            paragraph("Wording questions neutrally"),
            paragraph("Testing the form on a pilot group"),
            paragraph("Sampling Bias"),
            paragraph("A sample this small has a wide interval, wide or narrow ", ("Wide", True)),
            paragraph("Your data has many outliers, which average would you report"),
            paragraph("Why do we square the deviations"),
            paragraph("Squaring keeps every deviation positive and weighs large ones more."),
            paragraph("Later Questions", style="Heading2"),
            paragraph(("1. What is a confidence interval?", True)),
            paragraph("A range that holds the true value in 95 of 100 repeated samples."),
            paragraph(("2. What does a p-value measure?", True)),
            paragraph("How surprising the data would be if nothing happened."),
        ],
    )
    note = parse_note(path.read_bytes(), path.name)
    assert [(c.question, c.answer) for c in note.cards] == [
        ("Mean vs Median", ""),
        ("Difference between variance and standard deviation", ""),
        (
            "Reducing noise in a survey:",
            "Asking more people\nWording questions neutrally\nTesting the form on a pilot group",
        ),
        ("Sampling Bias", ""),
        ("A sample this small has a wide interval, wide or narrow", "Wide"),
        ("Your data has many outliers, which average would you report", ""),
        (
            "Why do we square the deviations",
            "Squaring keeps every deviation positive and weighs large ones more.",
        ),
        (
            "What is a confidence interval?",
            "A range that holds the true value in 95 of 100 repeated samples.",
        ),
        ("What does a p-value measure?", "How surprising the data would be if nothing happened."),
    ]


def test_word_document_numbered_list_with_answer_items(tmp_path: Path) -> None:
    import mammoth  # noqa: F401  (the reader's library: a list needs numbering parts)

    from dlcards.parse.docx import html_to_lines

    html = (
        "<p><strong>Section A:</strong></p><ol><li>What is a cell?<ul><li><strong>Answer:"
        "</strong> The smallest unit of life.</li></ul></li><li>Explain diffusion.<ul><li>"
        "<strong>Answer:</strong> Particles spreading from high to low concentration.</li>"
        "</ul></li></ol>"
    )
    text = html_to_lines(html)
    note = parse_note(text, "biology.md")
    assert [(c.question, c.answer) for c in note.cards] == [
        ("What is a cell?", "The smallest unit of life."),
        ("Explain diffusion.", "Particles spreading from high to low concentration."),
    ]


def test_decoration_never_reaches_a_question() -> None:
    text = (
        "## What is a mutex? ⭐️\n\nA lock.\n\n"
        "## Why use a semaphore? [[src](https://example.org)]\n\nTo count permits.\n\n"
        "## [E] What is a race condition? (3 cards)\n\nUnordered access.\n"
    )
    assert [c.question for c in parse_note(text, "os.md").cards] == [
        "What is a mutex?",
        "Why use a semaphore?",
        "What is a race condition?",
    ]


def test_tables_of_contents_badges_and_licence_are_never_cards() -> None:
    text = (
        "# Biology questions\n\n[![build](https://img.example/b.svg)](https://ci.example)\n\n"
        "## Table of Contents\n\n- [Cells](#cells)\n- [Genes](#genes)\n\n"
        "## Cells\n\n**What is a cell?**\n\nThe unit of life.\n\n"
        "**What is a nucleus?**\n\nWhere the DNA is kept.\n\n"
        "## License\n\nCC-BY. **Can I copy this?** Yes, with credit.\n"
    )
    assert [c.question for c in parse_note(text, "bio.md").cards] == [
        "What is a cell?",
        "What is a nucleus?",
    ]


def test_the_readme_example_of_card_styles_gives_what_the_readme_says() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("```markdown\n## Cells", 1)[1].split("```", 1)[0]
    note = parse_note("## Cells" + block, "cells.md")
    assert [(c.question, c.style) for c in note.cards] == [
        ("What does a ribosome make?", "bold questions"),
        ("Where is the genome kept?", "numbered questions"),
        ("What is ATP?", "details blocks"),
        ("Mitosis", "glossary"),
        ("Meiosis", "glossary"),
    ]
    assert note.cards[1].answer == "In the nucleus."


def test_glossary_tables_definition_lists_and_dash_lines() -> None:
    assert pairs("genetics-table.md") == [
        ("Allele", "One form of a gene"),
        ("Genotype", "The alleles an organism carries"),
        ("Phenotype", "The traits that show"),
    ]  # a table of labs and links names no term and definition: no cards
    assert pairs("cell-terms.html") == [
        ("Ribosome", "Builds proteins from mRNA"),
        ("Vacuole", "Stores water and waste"),
    ]
    assert pairs("glossary.rst") == [
        ("Allele", "One form of a gene."),
        ("Locus", "Where a gene sits\non its chromosome."),
    ]
    assert pairs("botany-dashes.txt")[0] == ("Photosynthesis", "turning light into sugar")
    assert len(pairs("botany-dashes.txt")) == 4


def test_details_whose_summary_does_not_ask_take_the_question_above() -> None:
    assert pairs("geography-quiz.md") == [
        ("What is the capital of Kenya?", "Nairobi"),
        ("Which ocean is the largest?", "The Pacific."),
    ]


@pytest.mark.parametrize(
    ("name", "text", "cards"),
    [
        (
            "vectors.txt",
            "Q. What is a vector?\nA. A quantity with size and direction.\n\n"
            "Q. What is a scalar?\nA. A quantity with size only.\n",
            [
                ("What is a vector?", "A quantity with size and direction."),
                ("What is a scalar?", "A quantity with size only."),
            ],
        ),
        (
            "constants.md",
            "# Physics\n\nSpeed of light >> 300,000 km/s\nPlanck constant >> 6.626e-34 J s\n",
            [("Speed of light", "300,000 km/s"), ("Planck constant", "6.626e-34 J s")],
        ),
        (
            "cells.txt",
            "Mitosis: division of a cell into two\nMeiosis: division into four gametes\n"
            "Osmosis: water moving across a membrane\nDiffusion: particles spreading out\n",
            [
                ("Mitosis", "division of a cell into two"),
                ("Meiosis", "division into four gametes"),
                ("Osmosis", "water moving across a membrane"),
                ("Diffusion", "particles spreading out"),
            ],
        ),
        (
            "cards.txt",
            "Front: What is a cell?\nBack: The unit of life.\n\n"
            "Front: What is DNA?\nBack: The genetic code.\n",
            [("What is a cell?", "The unit of life."), ("What is DNA?", "The genetic code.")],
        ),
        (
            "terms.txt",
            "Mitosis - division of a cell into two\nMeiosis - division into four gametes\n"
            "Osmosis - water moving across a membrane\n",
            [
                ("Mitosis", "division of a cell into two"),
                ("Meiosis", "division into four gametes"),
                ("Osmosis", "water moving across a membrane"),
            ],
        ),
        (
            "vectors.md",
            "# Notes\n\n### What is a vector?\n\n**Answer:** size and direction\n\n"
            "### What is a scalar?\n\n**Answer:** size only\n",
            [("What is a vector?", "size and direction"), ("What is a scalar?", "size only")],
        ),
    ],
)
def test_small_explicit_styles(name: str, text: str, cards: list[tuple[str, str]]) -> None:
    assert [(c.question, c.answer) for c in parse_note(text, name).cards] == cards


def test_anki_export_whose_records_hold_only_metadata_columns_gives_no_card() -> None:
    text = "#separator:tab\n#guid column:1\n#deck column:2\nabc\tDeck::Sub\nx1\tD\tFront\tBack\n"
    assert [(c.question, c.answer) for c in parse_note(text, "export.txt").cards] == [
        ("Front", "Back")
    ]
