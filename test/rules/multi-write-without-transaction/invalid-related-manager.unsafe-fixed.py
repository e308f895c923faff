from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect

from .models import Project


@login_required
@transaction.atomic
def duplicate_project(request, pk):  # expect: multi-write-without-transaction
    project = get_object_or_404(Project, pk=pk, owner=request.user)
    copy = Project.objects.create(owner=request.user, name=f"{project.name} (copy)")
    for task in project.tasks.all():
        copy.tasks.create(title=task.title, done=False)
    return redirect("project-detail", pk=copy.pk)
