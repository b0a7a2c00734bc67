"""LaTeX in notes, shown readably in a terminal: Greek letters, operators, sub/superscripts.

`$v_i = \\beta v_{i-1} + \\frac{\\partial L}{\\partial w}$` becomes `vᵢ = β vᵢ₋₁ + ∂L/∂w`.  Only
text between `$...$` or `$$...$$` is touched, and only the commands below; anything unknown is
left as written, so nothing is ever lost.  (Anki export leaves the LaTeX to MathJax instead.)
"""

from __future__ import annotations

import re

SYMBOLS = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "zeta": "ζ",
    "eta": "η",
    "theta": "θ",
    "vartheta": "ϑ",
    "iota": "ι",
    "kappa": "κ",
    "lambda": "λ",
    "mu": "μ",
    "nu": "ν",
    "xi": "ξ",
    "pi": "π",
    "rho": "ρ",
    "sigma": "σ",
    "tau": "τ",
    "upsilon": "υ",
    "phi": "φ",
    "varphi": "φ",
    "chi": "χ",
    "psi": "ψ",
    "omega": "ω",
    "Gamma": "Γ",
    "Delta": "Δ",
    "Theta": "Θ",
    "Lambda": "Λ",
    "Xi": "Ξ",
    "Pi": "Π",
    "Sigma": "Σ",
    "Phi": "Φ",
    "Psi": "Ψ",
    "Omega": "Ω",
    "partial": "∂",
    "nabla": "∇",
    "infty": "∞",
    "sum": "∑",
    "prod": "∏",
    "int": "∫",
    "sqrt": "√",
    "cdot": "·",
    "times": "×",
    "div": "÷",
    "pm": "±",
    "leq": "≤",
    "le": "≤",
    "geq": "≥",
    "ge": "≥",
    "neq": "≠",
    "ne": "≠",
    "approx": "≈",
    "sim": "∼",
    "propto": "∝",
    "in": "∈",
    "notin": "∉",
    "subset": "⊂",
    "subseteq": "⊆",
    "cup": "∪",
    "cap": "∩",
    "forall": "∀",
    "exists": "∃",
    "to": "→",
    "rightarrow": "→",
    "leftarrow": "←",
    "Rightarrow": "⇒",
    "iff": "⇔",
    "mapsto": "↦",
    "ldots": "…",
    "dots": "…",
    "cdots": "⋯",
    "log": "log",
    "exp": "exp",
    "max": "max",
    "min": "min",
    "arg": "arg",
    "mathbb{R}": "ℝ",
    "odot": "⊙",
    "otimes": "⊗",
    "top": "⊤",
}
SUB = dict(zip("0123456789+-=()aehijklmnoprstuvxβγρφχ", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ"))
SUP = dict(
    zip("0123456789+-=()abcdefghijklmnoprstuvwxyzT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀ")
)

_MATH = re.compile(r"\$\$(.+?)\$\$|\$(?!\s)([^$\n]+?)(?<!\s)\$", re.S)
_GROUP = r"\{((?:[^{}]|\{[^{}]*\})*)\}"
_FRAC = re.compile(r"\\[dt]?frac\s*" + _GROUP + r"\s*" + _GROUP)
_SQRT = re.compile(r"\\sqrt\s*" + _GROUP)
_SCRIPT = re.compile(r"([_^])(?:" + _GROUP + r"|(\\[A-Za-z]+|[A-Za-z0-9+\-]))")
_COMMAND = re.compile(r"\\(mathbb\{R\}|[A-Za-z]+)( ?)")
#: Symbols that bind to what follows them: the space typed after one goes ("\partial L" is
#: "∂L"); after any other the space stays, for a terminal has no math spacing ("\beta v",
#: "\leq 1").
_PREFIXES = frozenset({"partial", "nabla", "sqrt", "sum", "prod", "int", "neg"})
_TEXT = re.compile(r"\\(?:text|mathrm|mathbf|mathit|operatorname)\s*" + _GROUP)


def _script(body: str, table: dict[str, str], mark: str) -> str:
    converted = "".join(table.get(ch, "\0") for ch in body)
    if "\0" not in converted:
        return converted
    return f"{mark}({body})" if len(body) > 1 else f"{mark}{body}"


def _symbol(m: re.Match[str]) -> str:
    name = m.group(1)
    if name not in SYMBOLS:
        return m.group(0)
    return SYMBOLS[name] + ("" if name in _PREFIXES else m.group(2))


def _convert(expr: str) -> str:
    expr = _TEXT.sub(lambda m: m.group(1), expr)
    for _ in range(3):  # nested fractions
        expr = _FRAC.sub(
            lambda m: f"{_wrap(_convert(m.group(1)))}/{_wrap(_convert(m.group(2)))}", expr
        )
    expr = _SQRT.sub(lambda m: f"√{_wrap(_convert(m.group(1)))}", expr)
    expr = _COMMAND.sub(_symbol, expr)

    def script(m: re.Match[str]) -> str:
        body = m.group(2) if m.group(2) is not None else m.group(3)
        body = _COMMAND.sub(_symbol, body).replace(" ", "")
        return _script(body, SUB if m.group(1) == "_" else SUP, m.group(1))

    expr = _SCRIPT.sub(script, expr)
    expr = expr.replace("\\left", "").replace("\\right", "").replace("\\,", " ").replace("\\;", " ")
    return expr.replace("{", "").replace("}", "") if "\\" not in expr else expr


def _wrap(text: str) -> str:
    return text if re.fullmatch(r"[\w∂∇.\u2080-\u209c\u1d62-\u1d6a]+", text) else f"({text})"


def render_math(text: str) -> str:
    """Replace every `$...$` / `$$...$$` span of `text` with its Unicode rendering."""
    return _MATH.sub(lambda m: _convert(m.group(1) if m.group(1) is not None else m.group(2)), text)
