from django.shortcuts import redirect, render


def profile_picture(request):
    if request.method == "POST" and "picture" in request.FILES:
        profile = request.user.profile
        profile.picture = request.FILES["picture"]  # expect: image-metadata-not-stripped
        profile.save()
        return redirect("profile")
    return render(request, "profile/picture.html")
