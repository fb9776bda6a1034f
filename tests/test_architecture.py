"""The layout holds: page scripts only read the URL, ask a view and lay it out, so they import
Streamlit, the views and the shared page pieces and nothing else. (The layers inside the
package are import-linter's contracts in pyproject.toml, checked by scripts/test.sh.)"""

import ast
import re

import pytest

from sikkerby.paths import ROOT

SCRIPTS = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
ALLOWED = ("streamlit", "sikkerby.views", "sikkerby.ui")


def imported(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_page_scripts_import_only_streamlit_the_views_and_the_page_pieces(script):
    outside = {
        name for name in imported(script) if not name.startswith(ALLOWED) or name == "sikkerby"
    }
    assert outside == set(), outside


# Text from the data is inert by construction (sikkerby/ui/components.py): in the pages and the
# package's Streamlit code, an element that reads Markdown gets only a literal or what the
# escaping function made of a text, and raw HTML reaches a page only through `own_html`.
UI_FILES = [*SCRIPTS, *sorted((ROOT / "sikkerby" / "ui").glob("*.py"))]
COMPONENTS = "sikkerby.ui.components"
ESCAPERS = {"plain", "labelled", "escaped_table"}  # in components: what they return is escaped
RAW_HTML_FUNCTION = "own_html"
# Streamlit's elements that show a text, and the positions of their text arguments (None: all).
TEXT_ELEMENTS = {
    **dict.fromkeys(
        [
            "markdown", "caption", "text", "title", "header", "subheader", "info", "warning",
            "error", "success", "toast", "exception", "badge", "latex", "table", "expander",
            "popover", "status", "button", "download_button", "link_button",
            "form_submit_button", "radio", "selectbox", "multiselect", "segmented_control",
            "pills", "select_slider", "slider", "checkbox", "toggle", "text_input", "text_area",
            "number_input", "date_input", "time_input", "file_uploader", "color_picker",
            "feedback", "chat_input",
        ],
        (0,),
    ),
    "write": None,
    "metric": (0, 1, 2),
    "page_link": (),  # its first argument is the page; the label is a keyword
    "tabs": (0,),
    "dialog": (0,),
    "write_stream": None,
}  # fmt: skip
# st.column_config's columns (TextColumn, LinkColumn, …): their help is a Markdown tooltip.
COLUMN_HELP = "help"
# (A placeholder is shown as it is, not read as Markdown.)
TEXT_KEYWORDS = {"label", "body", "value", "delta", "help", "caption", "captions"}
# Widgets that read their options as Markdown: options shown through the escaping function.
MARKDOWN_OPTIONS = {"radio", "segmented_control", "pills"}


class Findings(ast.NodeVisitor):
    """What a file hands Streamlit that is not inert: (line, why) per finding."""

    def __init__(self, tree: ast.Module, components_module: bool):
        self.modules = set()  # the names of modules other than Streamlit
        self.components = set()  # the names the file gives sikkerby.ui.components
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    name = a.asname or a.name.split(".")[0]
                    if not a.name.startswith("streamlit"):
                        self.modules.add(name)
            elif isinstance(node, ast.ImportFrom) and node.module:
                for a in node.names:
                    full = f"{node.module}.{a.name}"
                    name = a.asname or a.name
                    if full == COMPONENTS:
                        self.components.add(name)
                    if not full.startswith("streamlit"):
                        self.modules.add(name)
        self.components_module = components_module
        self.function: list[str] = []
        self.found: list[tuple[int, str]] = []

    def visit_FunctionDef(self, node):
        self.function.append(node.name)
        self.generic_visit(node)
        self.function.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def _element(self, func) -> str | None:
        """The Streamlit element a call's function is (`st.x`, `column.x`, `st.sidebar.x`),
        or None: a function of another module (`ui.title`) or not a text element."""
        if not isinstance(func, ast.Attribute):
            return None
        root = func.value  # the name the chain starts from: `logging` in logging.getLogger().x
        while isinstance(root, ast.Attribute | ast.Call):
            root = root.value if isinstance(root, ast.Attribute) else root.func
        if isinstance(root, ast.Name) and root.id in self.modules:
            return None
        return func.attr

    def _escaper(self, func) -> bool:
        if isinstance(func, ast.Name):
            return self.components_module and func.id in ESCAPERS
        return (
            isinstance(func, ast.Attribute)
            and func.attr in ESCAPERS
            and isinstance(func.value, ast.Name)
            and func.value.id in self.components
        )

    def inert(self, node) -> bool:
        """A literal, the escaping function's output, or made of these only."""
        match node:
            case ast.Constant():
                return True
            case ast.Call(func=func) if self._escaper(func):
                return True
            case ast.Call(func=ast.Name(id="len")):
                return True  # a count
            case ast.JoinedStr(values=values):
                return all(
                    self.inert(v.value if isinstance(v, ast.FormattedValue) else v) for v in values
                )
            case ast.IfExp(body=body, orelse=orelse):
                return self.inert(body) and self.inert(orelse)
            case ast.List(elts=elts) | ast.Tuple(elts=elts):
                return all(self.inert(e) for e in elts)
            case ast.Lambda(body=body):
                return self.inert(body)
            case ast.GeneratorExp(elt=elt) | ast.ListComp(elt=elt):
                return self.inert(elt)
            case ast.Call(func=ast.Attribute(value=ast.Constant(), attr="join"), args=[parts]):
                return self.inert(parts)
        return False

    def visit_ImportFrom(self, node):
        # `from streamlit import markdown`: a text element under another name escapes the check.
        if node.module and node.module.startswith("streamlit"):
            for a in node.names:
                if a.name in TEXT_ELEMENTS:
                    self.found.append((node.lineno, f"{a.name} imported by name"))
        self.generic_visit(node)

    def visit_Assign(self, node):
        # `md = st.markdown`: the same, by assignment.
        if isinstance(node.value, ast.Attribute) and self._element(node.value) in TEXT_ELEMENTS:
            self.found.append((node.lineno, f"{node.value.attr} given another name"))
        self.generic_visit(node)

    def visit_Call(self, node):
        self.generic_visit(node)
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr.endswith("Column")
            and self._element(node.func) is not None
        ):
            for k in node.keywords:
                if k.arg == COLUMN_HELP and not self.inert(k.value):
                    self.found.append((node.lineno, f"{node.func.attr}: help= not escaped"))
        funcs = (
            [node.func.body, node.func.orelse] if isinstance(node.func, ast.IfExp) else [node.func]
        )
        raw = any(
            k.arg in ("unsafe_allow_html", "unsafe_allow_javascript")
            and not (isinstance(k.value, ast.Constant) and not k.value.value)
            for k in node.keywords
        ) or any(self._element(f) == "html" for f in funcs)
        in_own_html = (
            self.components_module
            and bool(self.function)
            and self.function[-1] == RAW_HTML_FUNCTION
        )
        if raw:
            if not in_own_html:
                self.found.append((node.lineno, "raw HTML outside components.own_html"))
            return
        for func in funcs:
            element = self._element(func)
            if element not in TEXT_ELEMENTS:
                continue
            positions = TEXT_ELEMENTS[element]
            for i, arg in enumerate(node.args):
                if (positions is None or i in positions) and not self.inert(arg):
                    self.found.append((node.lineno, f"{element}: argument {i + 1} not escaped"))
            for k in node.keywords:
                if k.arg is None:  # **options: what it holds cannot be checked here
                    self.found.append((node.lineno, f"{element}: ** arguments"))
                elif k.arg in TEXT_KEYWORDS and not self.inert(k.value):
                    self.found.append((node.lineno, f"{element}: {k.arg}= not escaped"))
            if element in MARKDOWN_OPTIONS:
                shown = next((k.value for k in node.keywords if k.arg == "format_func"), None)
                if shown is None:
                    shown = (
                        node.args[1]
                        if len(node.args) > 1
                        else next((k.value for k in node.keywords if k.arg == "options"), None)
                    )
                if shown is None or not self.inert(shown):
                    self.found.append((node.lineno, f"{element}: options not escaped"))


def findings(source: str, components_module: bool = False) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    visitor = Findings(tree, components_module)
    visitor.visit(tree)
    return visitor.found


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_streamlit_gets_only_literals_and_escaped_text(path):
    source = path.read_text(encoding="utf-8")
    own = path == ROOT / "sikkerby" / "ui" / "components.py"
    assert findings(source, components_module=own) == []


PAGE = "import streamlit as st\nfrom sikkerby.ui import components as ui\n"
NOT_INERT = [
    "st.metric(ui.plain(f.label), f.value)",  # the unit of a figure, from the data
    "st.metric(ui.plain(f.label), ui.plain(f.value), delta=f.delta)",
    "st.markdown(view.title)",
    "st.markdown(f'**{view.title}**')",
    "st.caption('Kilde: ' + view.source)",
    "left, right = st.columns(2)\nleft.download_button(files.csv_label, files.csv)",
    "st.sidebar.write(ui.plain(a), b)",
    "st.page_link('p.py', label=target.label)",
    "st.radio(ui.plain(label), list(modes), format_func=modes.get)",
    "st.segmented_control(ui.plain(label), options)",
    "(st.success if ok else st.error)(message)",
    "with st.expander(view.title):\n    pass",
    "st.metric(ui.plain(a), ui.plain(b), help=view.help)",
    "st.markdown(ui.plain(view.locator), unsafe_allow_html=True)",
    "st.html(view.legend_html)",
    "st.components.v1.html(view.legend_html)",
    "st.metric(ui.plain(a), ui.plain(b), **{'help': view.help})",
    "md = st.markdown\nmd(ui.plain(view.title))",
    "from streamlit import markdown",
    "st.dialog(view.title)",
    "st.write_stream(view.parts)",
    "st.column_config.TextColumn('Kilde', help=view.help)",
]
INERT = [
    "st.markdown('Dias')",
    "st.metric(ui.plain(f.label), ui.plain(f.value), delta=ui.plain(d) if d else None)",
    "st.markdown(f'**{ui.plain(view.title)}:** {ui.labelled(a, b)}')",
    "st.button(ui.plain(update.LABEL), on_click=go, args=(view.title,))",
    "st.radio(ui.plain(label), list(modes), format_func=lambda m: ui.plain(modes[m]))",
    "st.expander(ui.plain(f'{label} ({len(table)})'), expanded=True)",
    "ui.title(view.title)",  # a component escapes it
    "st.dataframe(frame, width='stretch')",
    "st.column_config.LinkColumn(display_text='Åbn kilde')",
    "st.column_config.TextColumn('Kilde', help=ui.plain(view.help))",
]


@pytest.mark.parametrize("line", NOT_INERT)
def test_the_check_finds_data_text_handed_to_streamlit(line):
    assert findings(PAGE + line) != []


@pytest.mark.parametrize("line", INERT)
def test_the_check_lets_literals_escaped_text_and_components_pass(line):
    assert findings(PAGE + line) == []


def test_raw_html_is_allowed_only_in_the_named_function_of_the_components():
    inside = "import streamlit as st\ndef own_html(markup):\n    st.html(markup)\n"
    assert findings(inside, components_module=True) == []
    assert findings(inside.replace("own_html", "show"), components_module=True) != []
    assert findings(inside) != []  # the same function in a page


# An unexpected error in a widget's callback shows the Danish error page (sikkerby.ui.fallback),
# not Streamlit's English box: every on_click, on_change, on_select and on_submit is one of
# Streamlit's words ("ignore", "rerun", None), `fallback.callback(…)` or a function of the same
# file made with @fallback.callback.
FALLBACK = "sikkerby.ui.fallback"
CALLBACK_KEYWORDS = {"on_click", "on_change", "on_select", "on_submit"}


def unguarded_callbacks(source: str) -> list[tuple[int, str]]:
    """The callbacks a file hands over without the fallback's guard: (line, why) per finding."""
    tree = ast.parse(source)
    names = {
        a.asname or a.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
        for a in node.names
        if f"{node.module}.{a.name}" == FALLBACK
    }

    def guard(node) -> bool:  # `fallback.callback`
        return (
            isinstance(node, ast.Attribute)
            and node.attr == "callback"
            and isinstance(node.value, ast.Name)
            and node.value.id in names
        )

    guarded = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and any(guard(d) for d in node.decorator_list)
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for k in node.keywords:
            if k.arg not in CALLBACK_KEYWORDS:
                continue
            match k.value:
                case ast.Constant():
                    continue
                case ast.Call(func=func) if guard(func):
                    continue
                case ast.Name(id=name) if name in guarded:
                    continue
            found.append((node.lineno, f"{k.arg}= not through fallback.callback"))
    return found


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_callback_goes_through_the_fallback(path):
    assert unguarded_callbacks(path.read_text(encoding="utf-8")) == []


CALLBACK_PAGE = PAGE + "from sikkerby.ui import fallback\n"
UNGUARDED = [
    "st.button('Log ind', on_click=st.login)",
    "st.selectbox(ui.plain(label), options, on_change=ui.changed('kort'))",
    "def go():\n    pass\nst.button('Næste', on_click=go)",
    "@functools.cache\ndef go():\n    pass\nst.button('Næste', on_click=go)",
    "go = fallback.callback(send)\nst.button('Næste', on_click=go)",  # not seen to be guarded
    "district_map.show(view, key='kort', on_change=ui.changed('kort'))",
    "st.dataframe(frame, on_select=pick)",
    "st.chat_input('Skriv', on_submit=send)",
    "st.button('Næste', on_click=other.callback(go))",
]
GUARDED = [
    "st.button('Log ind', on_click=fallback.callback(st.login))",
    "st.selectbox(ui.plain(label), options, on_change=fallback.callback(ui.changed('kort')))",
    "@fallback.callback\ndef go():\n    pass\nst.button('Næste', on_click=go, args=(1,))",
    "st.download_button('Hent', data, on_click='ignore')",
    "st.dataframe(frame, on_select='rerun')",
    "st.button('Næste', on_click=None)",
]


@pytest.mark.parametrize("lines", UNGUARDED)
def test_the_check_finds_a_callback_without_the_fallback(lines):
    assert unguarded_callbacks(CALLBACK_PAGE + lines) != []


@pytest.mark.parametrize("lines", GUARDED)
def test_the_check_lets_guarded_callbacks_and_streamlit_s_words_pass(lines):
    assert unguarded_callbacks(CALLBACK_PAGE + lines) == []


def test_nothing_reads_outside_the_repository():
    """The repository holds all it needs: no code, test, benchmark or script names the delivery
    folder beside the checkout (its files are copied in: data/source/, geo/raw/)."""
    code = [
        p
        for folder in ("sikkerby", "tests", "bench", "scripts", "pages", ".ci")
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and p.suffix in {".py", ".sh", ""} and "__pycache__" not in p.parts
    ]
    assert len(code) > 50
    outside = re.compile(r"\.\./shared|parents?\b[^\n]*[\"']shared[\"']")
    found = [str(p.relative_to(ROOT)) for p in code if outside.search(p.read_text("utf-8"))]
    assert found == []
