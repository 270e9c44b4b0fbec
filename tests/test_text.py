"""PDF-artefact clean-up shared by the extraction scripts and the validator."""

from hypothesis import given
from hypothesis import strategies as st

from ashyq.text import has_letter_spacing, join_lines, squash, undo_letter_spacing


def test_letter_spacing_is_undone_word_by_word():
    assert undo_letter_spacing("жалпы орта м е к т е б і") == "жалпы орта мектебі"
    assert undo_letter_spacing("ү й л е с т і р у  ж ә н е") == "үйлестіру  және"


def test_digits_and_short_words_are_not_letter_spacing():
    assert undo_letter_spacing("1 2 3 4") == "1 2 3 4"
    assert undo_letter_spacing("Ә Б") == "Ә Б"  # two letters could be initials
    assert not has_letter_spacing("93 2% 1")
    assert has_letter_spacing("ш е к т е у л і серіктестігі")


def test_join_lines_joins_a_cell_split_over_lines():
    lines = ['"Батыс Қазақстан ', "облысы әкімдігі ", "б і л і м  ", "басқармасының "]
    assert join_lines(lines) == '"Батыс Қазақстан облысы әкімдігі білім басқармасының'
    assert join_lines(["ү й л е с т і р у  ж ә н е", "   ", "бағдарламалар"]) == "үйлестіру және бағдарламалар"


def test_squash_compares_values_with_their_source_lines():
    assert squash(" Бөрлі  ауданы\nәкімінің ") == "Бөрліауданыәкімінің"


@given(st.lists(st.text(alphabet="абвгдеәіңқ .,\"", max_size=30), max_size=6))
def test_join_lines_keeps_every_letter(lines):
    assert squash(join_lines(lines)) == squash("".join(lines))
