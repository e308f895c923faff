from django.db.models import F as Expr

from .models import Post


def like(post_id):
    post = Post.objects.get(pk=post_id)
    post.likes = Expr("likes") + 1
    post.save(update_fields=["likes"])
