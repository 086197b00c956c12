"""The JSON API: ``/api/search``, ``/api/documents/<id>``, ``/api/health``.

Read-only: every route is GET. Response shapes are built in ``indexer.results``.
"""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from indexer.errors import DocumentNotFound
from indexer.results import document_json, search_json

from .engine import STATUS, get_engine, run_search
from .params import document_id, search_request

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search():
    """Search: ``q`` plus optional filters, paging and sort (see README); the
    answer says how the query was interpreted (``interpretation``)."""
    search = search_request(request.args)
    response = run_search(search)
    return jsonify(search_json(search, response))


@bp.get("/documents/<anypath:doc_id>")
def document(doc_id: str):
    """One document's metadata and its paragraphs, original and English."""
    doc = get_engine().get(document_id(doc_id))
    if doc is None:
        raise DocumentNotFound(f"no document with id '{doc_id}'")
    return jsonify(document_json(doc))


@bp.get("/health")
def health():
    """Engine, document count, index build time, installed translation models."""
    return jsonify(current_app.extensions[STATUS].read(get_engine()).json())
