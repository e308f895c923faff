from django.shortcuts import redirect, render
from django.views import View
from django.views.decorators.csrf import ensure_csrf_cookie

from .forms import TransferForm


class TransferView(View):
    def get(self, request):
        return render(request, "transfer.html", {"form": TransferForm()})

    def post(self, request):
        form = TransferForm(request.POST)
        if form.is_valid():
            form.save(owner=request.user)
            return redirect("accounts")
        return render(request, "transfer.html", {"form": form})


@ensure_csrf_cookie
def spa(request):
    return render(request, "index.html")
