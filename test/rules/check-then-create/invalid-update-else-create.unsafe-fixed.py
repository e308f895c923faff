from .models import Preference, Stock


# the exact shape: one update_or_create
def set_preference(user, key, value):
    Preference.objects.update_or_create(user=user, key=key, defaults={"value": value})


# the row is used afterwards: it stays bound
def set_theme(user, theme):
    pref, _ = Preference.objects.update_or_create(user=user, key="theme", defaults={"value": theme})
    return pref.value


# the branches write different values: reported, no rewrite
def restock(sku, qty):
    stock = Stock.objects.filter(sku=sku).first()  # expect: check-then-create
    if stock:
        stock.quantity = stock.quantity + qty
        stock.save()
    else:
        Stock.objects.create(sku=sku, quantity=qty)
