/**
 * The event log on Chronicle Queue.
 *
 * <p><b>Layout.</b> One directory holds Chronicle's cycle files ({@code *.cq4}, {@code
 * metadata.cq4t}), {@code scribe.lock} (an OS lock plus the holder's pid), {@code index.snapshot}
 * (a cache of the writer's index) and {@code cut-documents.txt} (documents no longer served).
 * Every appended batch lies whole inside one Chronicle document ({@link
 * dev.scribe.eventlog.chronicle.BatchDocument}: first position, count, the events in {@link
 * dev.scribe.eventlog.RecordFormat} bytes; a group commit packs consecutive batches into documents
 * of up to ~64 KB), so a batch is stored all or nothing and positions stay Scribe's own (gap-free
 * from 1).
 *
 * <p><b>Writing.</b> One thread, {@code scribe-appender}, owns the appender and commits groups:
 * it drains the queue of waiting batches, checks each against the index, writes it, syncs once for
 * the group ({@link dev.scribe.eventlog.chronicle.FsyncPolicy}) and only then publishes the new
 * acknowledged position. Readers never return an event past that position.
 *
 * <p><b>Recovery.</b> Chronicle hides a document whose writer died before finishing it (its
 * header never became complete), and the next writer force-unlocks the dead writer's lock after
 * 1.5 × the configured write-lock timeout. On open the index comes from the snapshot when the
 * snapshot matches the log, else from the first event; every later event is decoded,
 * hash-checked and chained. A complete but corrupt <em>last</em> document is cut: recorded in
 * {@code cut-documents.txt} (durably, before the log serves anything), skipped by every reader and
 * by verify, reported by {@link dev.scribe.eventlog.chronicle.ChronicleEventLog#recovery()}; its
 * positions are reused. Damage with good documents after it is not a torn tail: open fails and
 * {@link dev.scribe.eventlog.chronicle.ChronicleLogVerifier} reports the first bad position.
 *
 * <p><b>Roll cycle.</b> {@code FAST_DAILY}: one file per UTC day of the injected clock. Scribe's
 * real load is agents logging steps (thousands of events a day, well under 1 GB a day even at
 * 100 events/s sustained), so daily files stay small enough to copy, archive and delete by day,
 * while a position search crosses few files. Hourly files would multiply files 24-fold for no
 * gain at these rates. A benchmark writing 10M events (7.8 GB) in one day still works: a daily
 * cycle holds 2^32 − 1 documents. Figures: BENCHMARKS.md, "Event log".
 */
package dev.scribe.eventlog.chronicle;
