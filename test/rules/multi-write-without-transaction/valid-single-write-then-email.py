# shipguard-test: no-findings
from django.core.mail import send_mail
from django.shortcuts import redirect

from .models import Ticket


def open_ticket(request):
    ticket = Ticket.objects.create(author=request.user, subject=request.POST["subject"])
    send_mail("Ticket opened", ticket.subject, None, [request.user.email])
    return redirect(ticket)
