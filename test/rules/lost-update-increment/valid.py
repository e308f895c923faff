# shipguard-test: no-findings
from django.db import models, transaction
from django.db.models import F
from django.db.models.functions import Coalesce

from .models import Article, Product, Profile


# 1. F() expression
def record_view(slug):
    article = Article.objects.get(slug=slug)
    article.views = F("views") + 1
    article.save(update_fields=["views"])


# 2. locked row inside atomic
@transaction.atomic
def sell(product_id, qty):
    product = Product.objects.select_for_update().get(pk=product_id)
    product.stock -= qty
    product.save()


# 3. queryset update
def like(article_id):
    Article.objects.filter(pk=article_id).update(likes=F("likes") + 1)


# 4. a local counter, no model
def total(items):
    count = 0
    for item in items:
        count += item.qty
    return count


# 5. attribute increment that is never saved
def tally(report, rows):
    report.total += len(rows)
    return report


# 6. an object created in this function
def make_profile(user):
    profile = Profile(user=user)
    profile.points += 10
    profile.save()


# 7. string concatenation is not a counter
def annotate(article_id):
    article = Article.objects.get(pk=article_id)
    article.body += "\n(edited)"
    article.save()


# 8. list growth
def tag(article, tag_name):
    article.tags += [tag_name]
    article.save()


# 9. with transaction.atomic + select_for_update
def restock(product_id, qty):
    with transaction.atomic():
        product = Product.objects.select_for_update().get(pk=product_id)
        product.stock += qty
        product.save()


# 10. a list built by a comprehension is not a counter
def add_tag_colors(project, colors):
    project.tag_colors += [[name.lower(), value] for name, value in colors.items()]
    project.save(update_fields=["tag_colors"])


# 11. the row is re-read through its own class with a lock, inside atomic
class Allocation(models.Model):
    def cancel(self, quantity):
        with transaction.atomic():
            locked = (
                self.__class__.objects.filter(pk=self.pk).select_for_update().get()
            )
            locked.allocated -= quantity
            locked.save()


# 12. a module that locks rows: the object handed in is the caller's locked row
def charge(card, amount):
    card.balance -= amount
    card.save(update_fields=["balance"])


def pay(card_id, amount):
    with transaction.atomic():
        card = Product.objects.select_for_update().get(pk=card_id)
        charge(card, amount)


# 13. a NULL fallback on a locked row
def view_locked(product_id):
    with transaction.atomic():
        product = Product.objects.select_for_update().get(pk=product_id)
        product.views = (product.views or 0) + 1
        product.save(update_fields=["views"])


# 14. already in the database: Coalesce(F(...)) is not a Python read
def view_db(product):
    product.views = Coalesce(F("views"), 0) + 1
    product.save(update_fields=["views"])
