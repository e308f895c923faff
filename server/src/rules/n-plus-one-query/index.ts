import { defineRule } from '../../engine/types';
import { python } from './python';

export default defineRule({
  id: 'n-plus-one-query',
  family: 'performance-operations',
  severity: 'warning',
  languages: ['python'],
  fix: { availability: 'sometimes', maxApplicability: 'safe', title: 'Load the relations with the queryset' },
  python,
  docs: `## What it does
Flags a loop over a Django queryset whose body follows a relation of each row that the queryset does not load.
That costs one more query per row.

The loop is a \`for\` / \`async for\` statement, a comprehension or a generator expression over a
queryset written in the loop, kept in a local (\`docs = Document.objects.filter(...)\` then
\`for doc in docs:\`), a view's own \`self.get_queryset()\` / \`self.queryset\`, or a parameter
annotated \`QuerySet[Document]\` (reported without a fix: the callers build it). The body follows a
relation when it reads a related manager (\`doc.pages.all()\`, \`doc.pages.count()\`,
\`doc.pages.exists()\`, \`doc.page_set.all()\`) or an attribute of a ForeignKey / OneToOne object
(\`doc.author.name\`, \`doc.author.profile.bio\`). Relations are read from the project's
\`models.py\` files and \`models/\` packages: \`ForeignKey\`, \`OneToOneField\` and
\`ManyToManyField\` fields, their \`related_name\` or the default \`<model>_set\` accessors, reverse
one-to-one accessors, and fields inherited from project base classes.

Not flagged: relations the queryset already loads (\`select_related("author")\`,
\`select_related("author__profile")\` for \`author\`, \`select_related()\`, \`prefetch_related("pages")\`,
\`Prefetch("pages", queryset=...)\`), lookups that are not literals, \`doc.author_id\`, a related
manager narrowed with \`.filter(...)\` or \`.all().order_by(...)\` (a prefetch does not serve it), loops over
\`.values()\` / \`.values_list()\` rows, over lists or unannotated parameters, and test code.

## Why is this bad?
Each row costs a query: a page of 50 documents with their authors is 51 queries, and the page
gets slower in proportion to its rows. With a few hundred rows the database round trips, not
the work, decide the response time, and one busy page keeps a pool of connections busy.

## Example
\`\`\`python
from django.db import models
from django.http import JsonResponse


class Author(models.Model):
    name = models.CharField(max_length=120)


class Document(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    title = models.CharField(max_length=200)
    published = models.BooleanField(default=False)


class Page(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")


def document_list(request):
    docs = Document.objects.filter(published=True)
    rows = [{"title": d.title, "author": d.author.name, "pages": d.pages.count()} for d in docs]
    return JsonResponse({"documents": rows})
\`\`\`

## Use instead
\`\`\`python
from django.db import models
from django.http import JsonResponse


class Author(models.Model):
    name = models.CharField(max_length=120)


class Document(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    title = models.CharField(max_length=200)
    published = models.BooleanField(default=False)


class Page(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")


def document_list(request):
    docs = Document.objects.filter(published=True).select_related("author").prefetch_related("pages")
    rows = [{"title": d.title, "author": d.author.name, "pages": d.pages.count()} for d in docs]
    return JsonResponse({"documents": rows})
\`\`\`

## Fix safety
Safe: the rows, their order and their values stay the same; the related rows are read in the
same query (\`select_related\`, a JOIN) or in one more query for all rows (\`prefetch_related\`).
The fix appends the call to the queryset expression where it is built (before a final
\`.iterator()\`), or adds the name to the chain's existing \`select_related\` /
\`prefetch_related\`. No fix is offered where the queryset is not built in the code at hand, and
no \`prefetch_related\` where the same queryset is also read with \`.values()\` /
\`.values_list()\` / \`.union()\` or \`.iterator()\` without \`chunk_size\` (Django refuses a prefetch
there).

## How to verify
Count the queries of the view or function: with \`django.test.utils.CaptureQueriesContext\`
(or \`assertNumQueries\`), 10 documents cost 11 queries before the fix and 2 after
(\`prefetch_related\`), or 1 (\`select_related\`). \`shipguard scan\` no longer reports the loop.

## References
- Django documentation: Database access optimization; QuerySet.select_related, prefetch_related
- CWE-1073: Non-SQL Invokable Control Element with Excessive Number of Data Resource Accesses
`,
});
