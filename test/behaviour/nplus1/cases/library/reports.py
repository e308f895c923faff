from django.http import JsonResponse

from library.models import Book


def chapter_counts(request):
    books = Book.objects.order_by("id")
    return JsonResponse({"books": [{"title": b.title, "chapters": b.chapters.count()} for b in books]})


def book_authors(request):
    rows = []
    for book in Book.objects.order_by("id"):
        rows.append(f"{book.title} by {book.author.name}")
    return JsonResponse({"rows": rows})
