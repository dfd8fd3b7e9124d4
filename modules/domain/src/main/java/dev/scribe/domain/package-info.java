/**
 * Scribe's domain: the events every state is folded from, value types, pure deciders and domain
 * errors. Imports the JDK (and JSpecify annotations) only: no Vert.x, Jackson, Chronicle or Lucene.
 */
@NullMarked
package dev.scribe.domain;

import org.jspecify.annotations.NullMarked;
