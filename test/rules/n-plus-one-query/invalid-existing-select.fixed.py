from django.views.generic import TemplateView

from .models import Document


class ReviewBoard(TemplateView):
    template_name = "docs/review_board.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queue = Document.objects.select_related("author", "reviewer").filter(published=False).prefetch_related("pages")
        context["rows"] = [
            (doc.title, doc.author.name, doc.reviewer.name, doc.pages.count())  # expect: n-plus-one-query x2
            for doc in queue
        ]
        return context
