"""LaTeX in card text shown readably in the terminal (`render_math`), nothing ever lost."""

from __future__ import annotations

import pytest

from dlcards.latex import render_math


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (r"$v_i = \beta v_{i-1} + \frac{\partial L}{\partial w}$", "vᵢ = β vᵢ₋₁ + ∂L/∂w"),
        (r"$x^2 + y^{10}$", "x² + y¹⁰"),
        (r"$\sqrt{a+b} \leq \sqrt{a} + \sqrt{b}$", "√(a+b) ≤ √a + √b"),
        (r"$$\sum_{i=1}^n x_i$$", "∑ᵢ₌₁ⁿ xᵢ"),
        (r"$\text{loss} \to 0$", "loss → 0"),
        (r"$\frac{1}{\frac{1}{2}}$", "1/(1/2)"),  # nested fractions
        (r"in $\mathbb{R}$", "in ℝ"),
    ],
)
def test_formulas_become_unicode(text: str, shown: str) -> None:
    assert render_math(text) == shown


def test_text_outside_math_and_unknown_commands_are_left_as_written() -> None:
    assert render_math("Costs $5 and $6 today") == "Costs $5 and $6 today"  # money, not math
    assert render_math(r"$\weird{x}$") == r"\weird{x}"  # nothing is lost
    assert render_math(r"no math: \alpha_1") == r"no math: \alpha_1"
    assert render_math(r"$a_{q}$") == "a_q"  # no Unicode subscript q: marked, kept
