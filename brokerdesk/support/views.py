from __future__ import annotations

import re
from contextlib import suppress

import markdown
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from brokerdesk.access.offices import membership_for, request_group
from brokerdesk.access.quotes import get_quote_or_404
from brokerdesk.lib import limits
from brokerdesk.support import services
from brokerdesk.support.articles import article as find_article
from brokerdesk.support.articles import articles
from brokerdesk.support.forms import EscalationForm
from brokerdesk.support.models import Ticket
from brokerdesk.support.retrieval import index

CONVERSATION = "support_conversation"
MAX_TURNS = 20
# An anonymous visitor's earlier questions are searched again with each new one: fewer.
ANONYMOUS_TURNS = 8


@login_not_required
def help_index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    hits = index(request.LANGUAGE_CODE).search(query, limit=5) if query else []
    ctx = {"articles": articles(request.LANGUAGE_CODE), "query": query, "hits": hits}
    return render(request, "support/index.html", ctx)


@login_not_required
def help_article(request: HttpRequest, slug: str) -> HttpResponse:
    found = find_article(request.LANGUAGE_CODE, slug)
    if found is None:
        raise Http404
    # The articles are our own files, not user input: their Markdown may be rendered as is.
    html = mark_safe(markdown.markdown(found.body))  # noqa: S308
    return render(request, "support/article.html", {"article": found, "html": html})


@login_not_required
@require_http_methods(["GET", "POST"])
def chat(request: HttpRequest) -> HttpResponse:
    """The assistant: the best passages of the help articles, with links.

    A signed-in user's conversation is kept in their session. An anonymous visitor's is kept
    by the page itself: each question comes back with the earlier ones (hidden fields of the
    log), so that no session is stored for a visitor who only asks questions."""
    signed_in = request.user.is_authenticated
    if signed_in:
        turns = request.session.get(CONVERSATION, [])
    else:
        asked = [q.strip()[:500] for q in request.POST.getlist("asked") if q.strip()]
        turns = [_turn(q, request.LANGUAGE_CODE) for q in asked[-(ANONYMOUS_TURNS - 1) :]]
    if request.method == "POST":
        question = request.POST.get("question", "").strip()[:500]
        if question:
            limits.check(request, "chat")
            turns = [*turns, _turn(question, request.LANGUAGE_CODE)][-MAX_TURNS:]
            if signed_in:
                request.session[CONVERSATION] = turns
    suggestions = _suggestions(turns, request.LANGUAGE_CODE)
    ctx = {"turns": turns, "suggestions": suggestions, "keep_in_page": not signed_in}
    return render(request, "support/chat.html", ctx)


def _turn(question: str, language: str) -> dict:
    hits = index(language).search(question, limit=3)
    return {
        "question": question,
        "answers": [
            {
                "slug": h.article.slug,
                "title": h.article.title,
                "heading": h.section.heading,
                "text": _excerpt(h.section.text),
            }
            for h in hits
        ],
    }


def _excerpt(text: str, limit: int = 400) -> str:
    plain = re.sub(r"[*_`#>]", "", text)
    return plain if len(plain) <= limit else plain[:limit].rsplit(" ", 1)[0] + " …"


def _suggestions(turns: list[dict], language: str) -> list[str]:
    """Questions to try next: the titles of articles not shown yet."""
    shown = {a["slug"] for turn in turns for a in turn["answers"]}
    return [a.title for a in articles(language) if a.slug not in shown][:3]


@login_not_required
@require_POST
def chat_reset(request: HttpRequest) -> HttpResponse:
    request.session.pop(CONVERSATION, None)
    return chat(request) if request.htmx else redirect("help")


@login_not_required
@require_http_methods(["GET", "POST"])
def escalate(request: HttpRequest) -> HttpResponse:
    """ "Ce n'est pas résolu": a form pre-filled with the conversation and where the user is."""
    user = request.user
    page = request.GET.get("page", "") if request.method == "GET" else ""
    initial = {
        "email": user.email if user.is_authenticated else "",
        "conversation": _transcript(request.session.get(CONVERSATION, [])),
        "page": page,
        "message": next(iter(reversed(request.session.get(CONVERSATION, []))), {}).get(
            "question", ""
        ),
    }
    form = EscalationForm(request.POST if request.method == "POST" else None, initial=initial)
    if user.is_authenticated:
        # The answer goes to the account's own address, never to one typed in the form.
        form.fields["email"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        limits.check(request, "escalation", target=data["email"])
        ticket = services.escalate(
            key=data["key"],
            email=data["email"],
            language=request.LANGUAGE_CODE,
            message=data["message"],
            conversation=data["conversation"],
            context=_context(request, data["page"]),
            user=user,
        )
        request.session.pop(CONVERSATION, None)
        if ticket.status == Ticket.Status.PENDING:
            return redirect("help_escalation_sent")
        return redirect("help_escalated", pk=ticket.pk)
    return render(request, "support/escalate.html", {"form": form})


@login_not_required
def escalated(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "support/escalated.html", {"pk": pk})


@login_not_required
def escalation_sent(request: HttpRequest) -> HttpResponse:
    """An anonymous visitor's question waits for the address to be confirmed."""
    return render(request, "support/escalation_sent.html")


@login_not_required
@require_http_methods(["GET", "POST"])
def escalation_confirm(request: HttpRequest, token: str) -> HttpResponse:
    limits.check(request, "escalation_confirm")
    ticket = services.pending_ticket_for(token)
    if ticket is None:
        return render(request, "support/escalation_confirm.html", {"invalid": True}, status=400)
    # Mail scanners open links: only the button (a POST) sends the question on.
    if request.method == "POST":
        services.confirm_address(ticket=ticket)
        return redirect("help_escalated", pk=ticket.pk)
    return render(request, "support/escalation_confirm.html", {"ticket": ticket})


def _transcript(turns: list[dict]) -> str:
    lines = []
    for turn in turns:
        lines.append(f"> {turn['question']}")
        lines += [f"  - {a['title']} / {a['heading']}" for a in turn["answers"]]
    return "\n".join(lines)


def _context(request: HttpRequest, page: str) -> dict[str, str]:
    """Office, sub-account, page and quote the user was on, through the scoping layer."""
    context = {"page": page[:500], "office": "", "group": "", "quote_reference": ""}
    membership = membership_for(request.user)
    if membership is not None:
        group = request_group(request)
        context.update(office=membership.office.name, group=group.name if group else "")
    match = re.match(r"^/requests/(\d+)/", page)
    if match and request.user.is_authenticated:
        # A quote the user may not see is not one to tell support about.
        with suppress(Http404):
            context["quote_reference"] = get_quote_or_404(request.user, int(match[1])).reference
    return context
