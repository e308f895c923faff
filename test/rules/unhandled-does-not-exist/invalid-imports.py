from django.shortcuts import (
    redirect,
    render,
)

from shop.models import Coupon


def apply_coupon(request, code):
    coupon = Coupon.objects.get(code=code.upper(), active=True)  # expect: unhandled-does-not-exist
    request.session["coupon"] = coupon.id
    return redirect("cart")


def coupon_page(request, code):
    return render(request, "coupon.html", {"coupon": Coupon.objects.get(code=code)})  # expect: unhandled-does-not-exist
