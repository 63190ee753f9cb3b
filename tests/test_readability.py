from macros.readability import fk_grade, prose, score, sentences, syllables


def test_prose_drops_markup_but_keeps_link_text() -> None:
    md = "## Heading {#h}\n\nSee [the page](a.md) and {{ cite('x') }}.\n\n```\ncode here\n```\n- item one here\n"
    text = prose(md)
    assert "Heading" not in text and "cite" not in text and "code here" not in text
    assert "the page" in text and "item one here" in text


def test_sentences_and_list_items() -> None:
    assert sentences(prose("One two three. Four five six!\n\n- a list item here\n")) == [
        "One two three.", "Four five six!", "a list item here."]


def test_grade_rises_with_long_words_and_sentences() -> None:
    easy = ["You can rest now.", "It is fine to go slow."]
    hard = ["Notwithstanding considerable methodological heterogeneity, investigations demonstrate dysregulation."]
    assert fk_grade(easy) < 3 < 15 < fk_grade(hard)
    assert syllables("trust") == 1 and syllables("vulnerability") >= 5


def test_score_reports_hardest_sentences_first() -> None:
    result = score("You can rest. Contemporary investigations demonstrate physiological dysregulation.")
    assert result.hardest[0][1].startswith("Contemporary") and result.words == 8
