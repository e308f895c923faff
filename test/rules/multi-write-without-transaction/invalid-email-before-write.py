from django.core.mail import send_mail
from django.shortcuts import get_object_or_404, render

from .models import Invitation, InvitationLog


def resend_invitation(request, pk):  # expect: multi-write-without-transaction
    invitation = get_object_or_404(Invitation, pk=pk, team__owner=request.user)
    invitation.sent_count += 1
    invitation.save(update_fields=["sent_count"])
    send_mail("You are invited", invitation.message, None, [invitation.email])
    InvitationLog.objects.create(invitation=invitation, sent_by=request.user)
    return render(request, "invitations/sent.html", {"invitation": invitation})
