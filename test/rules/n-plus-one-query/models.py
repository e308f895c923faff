from django.conf import settings
from django.db import models


class TimeStamped(models.Model):
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class Author(models.Model):
    name = models.CharField(max_length=120)


class Profile(models.Model):
    author = models.OneToOneField(Author, on_delete=models.CASCADE)
    bio = models.TextField(blank=True)


class Tag(models.Model):
    label = models.CharField(max_length=40)


class Document(TimeStamped):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="documents")
    reviewer = models.ForeignKey("Author", null=True, on_delete=models.SET_NULL, related_name="reviews")
    tags = models.ManyToManyField(Tag, blank=True)
    published = models.BooleanField(default=False)

    @property
    def summary(self):
        return self.title[:80]


class Page(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()


class Comment(models.Model):
    document = models.ForeignKey("docs.Document", on_delete=models.CASCADE)
    body = models.TextField()


class Order(models.Model):
    customer = models.ForeignKey(Author, on_delete=models.CASCADE)
    total = models.DecimalField(max_digits=10, decimal_places=2)


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    sku = models.CharField(max_length=40)
