from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=120)

    class Meta:
        app_label = "library"


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)

    class Meta:
        app_label = "library"


class Chapter(models.Model):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name="chapters")
    number = models.PositiveIntegerField()

    class Meta:
        app_label = "library"
