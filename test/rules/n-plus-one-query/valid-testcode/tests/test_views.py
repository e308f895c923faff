# shipguard-test: no-findings
from django.test import TestCase

from docs.models import Document


class DocumentListTests(TestCase):
    def test_titles(self):
        for doc in Document.objects.all():
            self.assertTrue(doc.author.name)
            self.assertEqual(doc.pages.count(), 0)
