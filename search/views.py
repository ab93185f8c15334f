from django.shortcuts import render


def search(request):
    query = request.GET.get("q", "").strip()
    return render(request, "search/results.html", {"query": query, "results": []})
