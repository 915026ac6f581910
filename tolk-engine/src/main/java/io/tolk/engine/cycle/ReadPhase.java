package io.tolk.engine.cycle;

import io.tolk.api.Checkpoint;
import io.tolk.api.Connector;
import io.tolk.api.ReadStream;
import io.tolk.api.ReadSummary;
import io.tolk.api.SourceRecord;
import io.tolk.engine.KillPoint;
import io.tolk.engine.mapping.Flow;
import io.tolk.engine.store.StreamKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Read and stage: every connector's streams of the bound types, each read from its checkpoint
 * ({@code RecordReader.readChanges}, the same call for every system) and staged page by page. A stream's new
 * checkpoint is stored once all its pages are staged.
 */
final class ReadPhase {

    /**
     * What one stream's read delivered.
     *
     * @param system    the system
     * @param stream    the stream
     * @param summary   the reader's summary
     * @param delivered records delivered
     */
    record StreamRead(String system, ReadStream stream, ReadSummary summary, long delivered) {
    }

    record Result(List<StreamRead> reads, Findings findings) {
    }

    private final CycleContext ctx;
    private final Stager stager;
    private final Runnable betweenPages;

    /** @param betweenPages run after each page is staged (the cycle syncs notified records there) */
    ReadPhase(CycleContext ctx, Runnable betweenPages) {
        this.ctx = ctx;
        this.betweenPages = betweenPages;
        this.stager = new Stager(ctx);
    }

    Result read() {
        List<StreamRead> reads = new ArrayList<>();
        Findings findings = new Findings();
        for (String system : ctx.mapping().systems()) {
            Connector connector = ctx.systems().get(system);
            for (ReadStream stream : connector.streams(new LinkedHashSet<>(ctx.mapping().boundTypes(system)))) {
                reads.add(read(connector, stream, findings));
            }
        }
        return new Result(reads, findings);
    }

    private StreamRead read(Connector connector, ReadStream stream, Findings findings) {
        String system = connector.system();
        StreamKey key = StreamKey.records(system, stream.name());
        Checkpoint since = ctx.store().checkpoint(key);
        String phase = "read " + system + "/" + stream.name();
        long[] delivered = {0};
        ReadSummary summary = connector.reader(stream).readChanges(since,
                FieldsToRead.of(ctx.mapping(), connector, stream.types()), page -> {
                    if (ctx.stop().requested()) {
                        throw new CycleStopped(); // this stream's checkpoint stays where it was; staged pages stay due
                    }
                    Stager.Staged staged = stager.stage(page);
                    findings.addAll(staged.findings());
                    countRead(system, page, findings);
                    delivered[0] += staged.delivered();
                    ctx.progress().progress(phase, delivered[0], -1);
                    betweenPages.run();
                });
        if (summary.next() != null && !summary.next().equals(since)) {
            KillPoint.CHECKPOINT_SAVE.reach();
            ctx.store().putCheckpoint(key, summary.next());
            KillPoint.CHECKPOINT_SAVED.reach();
        }
        return new StreamRead(system, stream, summary, delivered[0]);
    }

    /** Each record read counts in every flow of its type (an organisation list can serve two flows). */
    private void countRead(String system, List<SourceRecord> page, Findings findings) {
        Map<String, Long> byType = new HashMap<>();
        page.forEach(r -> byType.merge(r.ref().type(), 1L, Long::sum));
        byType.forEach((type, n) -> {
            for (Flow f : ctx.mapping().flowsFor(system, type)) {
                findings.count(f.id(), Count.READ, n);
            }
        });
    }
}
