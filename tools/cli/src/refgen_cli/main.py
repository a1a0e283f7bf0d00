"""`refgen`: sign in, plan an essay, edit its outline, write it with live progress, download it."""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from refgen_cli.api import DEFAULT_SERVER, Api, ApiError
from refgen_cli.follow import ProgressView, follow
from refgen_cli.store import TokenStore

app = typer.Typer(
    help="RefGen from the command line: plan, edit, generate and download essays.", no_args_is_help=True
)
# titles and details are the user's and the LLM's text ("[заглушка]"): printed as they are, never as markup
out = Console(highlight=False, markup=False)
err = Console(stderr=True, highlight=False)
Command = TypeVar("Command", bound=Callable[..., Any])
PDF_WAIT_SECONDS = 120.0  # the printer converts the DOCX after delivering it: seconds, a minute at most
PROFILE_FIELDS = (
    "name", "surname", "patronymic", "university", "faculty", "department", "course", "group", "city", "gender",
)  # fmt: skip


def command(name: str | None = None) -> Callable[[Command], Command]:
    """`app.command`, an API error becoming its detail on stderr and exit code 1 rather than a traceback."""

    def register(function: Command) -> Command:
        @functools.wraps(function)
        def handled(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except ApiError as error:
                _fail(str(error))

        app.command(name)(handled)
        return function

    return register


def api(ctx: typer.Context) -> Api:
    """The API client of this invocation (built by the callback)."""
    client: Api = ctx.obj
    return client


@app.callback()
def main(
    ctx: typer.Context,
    server: Annotated[str, typer.Option(envvar="REFGEN_SERVER", help="The gateway's URL.")] = DEFAULT_SERVER,
) -> None:
    """Options every command takes."""
    # a test hands in its own factory (an API over a mock transport) as the context's obj
    make: Callable[[str], Api] = ctx.obj if callable(ctx.obj) else (lambda url: Api(url, TokenStore()))
    ctx.obj = make(server)
    ctx.call_on_close(ctx.obj.close)


@command()
def register(
    ctx: typer.Context,
    email: Annotated[str, typer.Option(prompt=True)],
    username: Annotated[str, typer.Option(prompt=True)],
    password: Annotated[
        str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True, envvar="REFGEN_PASSWORD")
    ],
) -> None:
    """Create an account and sign in."""
    user = api(ctx).sign_in("/auth/register", {"username": username, "email": email, "password": password})
    out.print(
        f"Registered and signed in as {user['user']['email']}; fill in your profile with `refgen profile`."
    )


@command()
def login(
    ctx: typer.Context,
    email: Annotated[str, typer.Option(prompt=True)],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, envvar="REFGEN_PASSWORD")],
) -> None:
    """Sign in; the tokens are kept in the config dir (mode 0600)."""
    user = api(ctx).sign_in("/auth/login", {"email": email, "password": password})
    out.print(f"Signed in to {api(ctx).server} as {user['user']['email']}.")


@command()
def logout(ctx: typer.Context) -> None:
    """Sign out: revoke the refresh token and forget the tokens."""
    api(ctx).sign_out()
    out.print("Signed out.")


@command()
def profile(
    ctx: typer.Context,
    name: str | None = None,
    surname: str | None = None,
    patronymic: str | None = None,
    university: str | None = None,
    faculty: str | None = None,
    department: str | None = None,
    course: int | None = None,
    group: str | None = None,
    city: str | None = None,
    gender: Annotated[str | None, typer.Option(help="male or female (title page wording)")] = None,
) -> None:
    """Show the profile (the title page's data); options change those fields. Planning needs name, surname,
    university, faculty, course, group and city."""
    given = dict(zip(PROFILE_FIELDS, (name, surname, patronymic, university, faculty, department, course, group, city, gender), strict=True))  # fmt: skip
    changes = {k: v for k, v in given.items() if v is not None}
    if changes:
        api(ctx).call("PUT", "/profile/", json=changes)
    shown = api(ctx).json("GET", "/profile/me")
    for field in PROFILE_FIELDS:
        if field in shown:
            out.print(f"{field:>11}: {shown[field] if shown[field] not in (None, '') else '—'}")


@command()
def plan(
    ctx: typer.Context,
    topic: str,
    pages: Annotated[int, typer.Option(min=4)] = 20,
    chapters: Annotated[int, typer.Option(min=1)] = 6,
    lang: Annotated[str, typer.Option(help="ru, en or ky")] = "ru",
    subject: Annotated[str | None, typer.Option(help="default: the topic")] = None,
    checked_by: Annotated[str, typer.Option(help="who checks it (title page)")] = "—",
    wait: Annotated[float, typer.Option(help="seconds to wait for a slow outline")] = 300,
) -> None:
    """Draft an essay's outline; prints the essay id and the outline."""
    body = {
        "topic": topic,
        "subject": subject or topic,
        "checked_by": checked_by,
        "page_count": pages,
        "chapters_count": chapters,
        "language": lang,
    }
    essay_id = int(api(ctx).json("POST", "/essays/plan/generate", json=body)["essay_id"])
    deadline = time.monotonic() + wait
    while (status := api(ctx).json("GET", f"/essays/{essay_id}/status"))["status"] == "PLANNING":
        if time.monotonic() > deadline:
            _fail(
                f"essay {essay_id}: the outline is still being drafted; see `refgen outline {essay_id}` later"
            )
        time.sleep(1)
    if status["status"] == "FAILED":
        _fail(f"essay {essay_id}: the outline failed: {status.get('failure_reason')}")
    out.print(f"Essay {essay_id}")
    _print_outline(api(ctx), essay_id)


@command()
def outline(
    ctx: typer.Context,
    essay_id: int,
    rename: Annotated[
        tuple[int, str] | None, typer.Option(metavar="CHAPTER_ID TITLE", help="rename a chapter")
    ] = None,
    rename_subsection: Annotated[
        tuple[int, str] | None, typer.Option(metavar="SUBSECTION_ID TITLE", help="rename a subsection")
    ] = None,
) -> None:
    """Show the outline with chapter and subsection ids; rename a chapter or subsection."""
    if rename:
        done = api(ctx).json(
            "PUT", "/essays/chapter/title/update", json={"chapter_id": rename[0], "title": rename[1]}
        )
        out.print(f"Chapter {done['chapter']['id']} is now «{done['chapter']['title']}».")
    if rename_subsection:
        body = {"subsection_id": rename_subsection[0], "title": rename_subsection[1]}
        done = api(ctx).json("PUT", "/essays/subsection/title/update", json=body)
        out.print(f"Subsection {done['subsection']['id']} is now «{done['subsection']['title']}».")
    _print_outline(api(ctx), essay_id)


@command()
def generate(
    ctx: typer.Context,
    essay_id: int,
    wait: Annotated[bool, typer.Option("--wait", help="follow the progress live until the end")] = False,
) -> None:
    """Write the essay from its outline; with --wait, show live progress and exit non-zero if it fails."""
    started = api(ctx).json("POST", f"/essays/{essay_id}/generate")
    out.print(f"Essay {essay_id}: {started['status']}")
    if not wait:
        return
    with ProgressView(err) as view:
        final = follow(api(ctx), essay_id, view)
    if final["status"] != "GENERATED":
        _fail(f"essay {essay_id} {final['status']}: {final.get('failure_reason') or 'no reason given'}")
    out.print(
        f"Essay {essay_id}: GENERATED ({final.get('sections_total')} units); `refgen download {essay_id}`"
    )


@command()
def download(
    ctx: typer.Context,
    essay_id: int,
    pdf: Annotated[bool, typer.Option("--pdf", help="the PDF instead of the DOCX")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="file to write")] = None,
) -> None:
    """Save the essay's document (DOCX, or PDF with --pdf, waiting while the PDF is being made)."""
    client = api(ctx)
    if pdf:
        _wait_for_pdf(client, essay_id)
    response = client.call("GET", f"/refprint/{essay_id}", params={"format": "pdf"} if pdf else None)
    kind = response.headers.get("content-type", "")
    if pdf and not kind.startswith("application/pdf"):
        _fail(f"the server sent {kind or 'no content type'}, not a PDF: it does not offer PDF downloads yet")
    path = output or Path(
        _filename(response.headers.get("content-disposition", ""))
        or f"referat-{essay_id}.{'pdf' if pdf else 'docx'}"
    )
    path.write_bytes(response.content)
    out.print(f"Saved {path} ({len(response.content)} bytes)")


def _wait_for_pdf(client: Api, essay_id: int, seconds: float = PDF_WAIT_SECONDS) -> None:
    """Return once the essay's PDF is no longer being made (the DOCX goes out first, its PDF seconds later)."""
    deadline = time.monotonic() + seconds
    while client.json("GET", f"/essays/{essay_id}").get("pdf_pending") and time.monotonic() < deadline:
        time.sleep(1.0)


@command("list")
def list_essays(ctx: typer.Context) -> None:
    """Your essays, newest first."""
    essays = api(ctx).json("GET", "/essays/")["essays"]
    table = Table("id", "date", "status", "pages", "lang", "topic")
    for essay in essays:
        table.add_row(
            str(essay["id"]),
            str(essay["date"]),
            essay["status"],
            str(essay["page_count"]),
            essay["language"],
            essay["topic"],
        )
    out.print(table if essays else 'No essays yet: `refgen plan "topic"`.')


def _print_outline(client: Api, essay_id: int) -> None:
    chapters = client.json("GET", f"/essays/{essay_id}/chapters")["chapters"]
    table = Table("id", "№", "title")
    for chapter in chapters:
        table.add_row(str(chapter["id"]), str(chapter["position"]), chapter["title"])
        for sub in chapter.get("subsections", []):
            table.add_row(f"  {sub['id']}", f"{chapter['position']}.{sub['position']}", f"  {sub['title']}")
    out.print(table)


def _filename(disposition: str) -> str | None:
    """The plain file name a Content-Disposition suggests (no directories)."""
    found = re.search(r'filename="?([^";]+)"?', disposition)
    return Path(found.group(1)).name if found else None


def _fail(message: str) -> NoReturn:
    err.print(f"[red]error:[/red] {escape(message)}")
    raise typer.Exit(1)


def run() -> None:
    """Console script `refgen`."""
    app()
