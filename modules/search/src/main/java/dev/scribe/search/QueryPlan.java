package dev.scribe.search;

import static dev.scribe.search.EntryDocuments.AGENT;
import static dev.scribe.search.EntryDocuments.CATEGORY;
import static dev.scribe.search.EntryDocuments.CONF;
import static dev.scribe.search.EntryDocuments.EMOJI;
import static dev.scribe.search.EntryDocuments.META;
import static dev.scribe.search.EntryDocuments.PRIORITY;
import static dev.scribe.search.EntryDocuments.PROJECT;
import static dev.scribe.search.EntryDocuments.TRI;
import static dev.scribe.search.EntryDocuments.TS;
import static dev.scribe.search.EntryDocuments.term;

import dev.scribe.domain.entry.Category;
import dev.scribe.domain.entry.Priority;
import dev.scribe.domain.query.CaseFold;
import dev.scribe.domain.query.EntryQuery;
import dev.scribe.domain.query.EntryScope;
import dev.scribe.domain.query.MessageMatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * An {@link EntryQuery} as a Lucene query. Every structured filter maps to an exact keyword or
 * point query (FILTER clauses: no scoring). The message maps to a trigram query that is exact for
 * a case-insensitive substring, and otherwise only narrows: then {@code verify} is the message
 * test to run on each candidate's stored message, so the answer is exactly {@link
 * EntryQuery#matches}.
 *
 * @param verify null when the index query alone is exact
 */
record QueryPlan(Query query, @Nullable MessageMatch verify) {

  static QueryPlan of(EntryQuery q) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int clauses = 0;
    if (q.scope() instanceof EntryScope.Project p) {
      b.add(new TermQuery(new Term(PROJECT, term(p.name()))), Occur.FILTER);
      clauses++;
    } else if (!(q.scope() instanceof EntryScope.AllProjects)) {
      throw new IllegalArgumentException("unsupported scope " + q.scope());
    }
    if (q.start() != null || q.end() != null) {
      b.add(LongPoint.newRangeQuery(TS, q.startMillis(), q.endMillis()), Occur.FILTER);
      clauses++;
    }
    clauses += anyOf(b, EMOJI, terms(q.acceptedEmojis()));
    clauses += anyOf(b, AGENT, terms(q.agents()));
    List<String> prios = new ArrayList<>();
    for (Priority p : q.priorities()) prios.add(p.wireName());
    clauses += anyOf(b, PRIORITY, prios);
    List<String> cats = new ArrayList<>();
    for (Category c : q.categories()) cats.add(c.wireName());
    clauses += anyOf(b, CATEGORY, cats);
    for (Map.Entry<String, String> m : q.metaEquals().entrySet()) {
      b.add(new TermQuery(new Term(META, EntryDocuments.metaTerm(m.getKey(), m.getValue()))), Occur.FILTER);
      clauses++;
    }
    Double min = q.minConfidence();
    if (min != null) {
      b.add(
          DoublePoint.newRangeQuery(CONF, EntryDocuments.confidence(min), Double.POSITIVE_INFINITY),
          Occur.FILTER);
      clauses++;
    }
    MessageMatch verify = null;
    MessageMatch m = q.message();
    if (m != null) {
      boolean exact = false;
      switch (m.mode()) {
        case SUBSTRING:
          b.add(Trigrams.contains(TRI, m.foldedText()), Occur.FILTER);
          clauses++;
          exact = !m.caseSensitive() && Trigrams.padFree(m.text());
          break;
        case EXACT:
          b.add(Trigrams.equalTo(TRI, m.foldedText()), Occur.FILTER);
          clauses++;
          break;
        case REGEX:
          for (String literal : RegexLiterals.required(m.text())) {
            String folded = CaseFold.fold(literal);
            if (folded.codePointCount(0, folded.length()) >= 3) {
              b.add(Trigrams.contains(TRI, folded), Occur.FILTER);
              clauses++;
            }
          }
          break;
        default:
          throw new AssertionError(m.mode());
      }
      if (!exact) verify = m;
    }
    Query query = clauses == 0 ? new MatchAllDocsQuery() : b.build();
    return new QueryPlan(query, verify);
  }

  private static List<String> terms(Collection<String> values) {
    List<String> out = new ArrayList<>(values.size());
    for (String v : values) out.add(term(v));
    return out;
  }

  private static int anyOf(BooleanQuery.Builder b, String field, List<String> values) {
    if (values.isEmpty()) return 0;
    if (values.size() == 1) {
      b.add(new TermQuery(new Term(field, values.get(0))), Occur.FILTER);
    } else {
      List<BytesRef> refs = new ArrayList<>(values.size());
      for (String v : values) refs.add(new BytesRef(v));
      b.add(new TermInSetQuery(field, refs), Occur.FILTER);
    }
    return 1;
  }
}
