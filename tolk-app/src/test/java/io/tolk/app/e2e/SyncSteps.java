package io.tolk.app.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Random step lists for the sync model, and their shrinking: the generator and shrinker of a property-based test,
 * kept small and deterministic (a seed gives the same list on every machine).
 */
final class SyncSteps {

    /** The shortest and longest list generated. */
    static final int MIN_STEPS = 3;
    static final int MAX_STEPS = 24;

    private SyncSteps() {
    }

    /** A random list of steps; the same seed gives the same list. */
    static List<SyncAction> random(long seed) {
        Random r = new Random(seed);
        int n = MIN_STEPS + r.nextInt(MAX_STEPS - MIN_STEPS + 1);
        List<SyncAction> steps = new ArrayList<>(n);
        ModelKind[] kinds = ModelKind.values();
        for (int i = 1 + r.nextInt(4); i > 0 && steps.size() < n; i--) { // a few records to work on first
            ModelKind kind = kinds[r.nextInt(kinds.length)];
            steps.add(r.nextInt(3) == 0 ? SyncAction.createZoho(kind) : SyncAction.createPo(kind));
        }
        while (steps.size() < n) {
            steps.add(step(r));
        }
        return steps;
    }

    /** One step, by weight: people's edits and cycles most often, then creates, crashes and faults, then deletes. */
    private static SyncAction step(Random r) {
        ModelProp[] props = ModelProp.values();
        ModelKind[] kinds = ModelKind.values();
        int pick = r.nextInt(5);
        int w = r.nextInt(27);
        if (w < 4) {
            return SyncAction.editPo(pick, props[r.nextInt(props.length)]);
        }
        if (w < 8) {
            return SyncAction.editZoho(pick, props[r.nextInt(props.length)], r.nextBoolean());
        }
        if (w < 11) {
            return SyncAction.createPo(kinds[r.nextInt(kinds.length)]);
        }
        if (w < 13) {
            return SyncAction.createZoho(kinds[r.nextInt(kinds.length)]);
        }
        if (w < 14) {
            return SyncAction.createZohoTwin(kinds[r.nextInt(kinds.length)], pick);
        }
        if (w < 15) {
            return SyncAction.deletePo(pick);
        }
        if (w < 16) {
            return SyncAction.deleteZoho(pick);
        }
        if (w < 17) {
            return SyncAction.restoreZoho(pick);
        }
        if (w < 21) {
            return SyncAction.sync();
        }
        if (w < 23) {
            SyncAction.FaultSite[] sites = SyncAction.FaultSite.values();
            SyncAction.FaultKind[] faults = SyncAction.FaultKind.values();
            return SyncAction.syncWithFaults(sites[r.nextInt(sites.length)], faults[r.nextInt(faults.length)], 1 + r.nextInt(99));
        }
        if (w < 25) {
            return SyncAction.crash(1 + r.nextInt(12));
        }
        return SyncAction.editBoth(pick, props[r.nextInt(props.length)], r.nextInt(3) == 0);
    }

    /**
     * The smallest list found that still fails, trying at most {@code budget} candidates: first whole runs of steps
     * are left out (halves, quarters, … single steps), then single steps are made simpler (an earlier crash, a plain
     * cycle instead of a faulty one, the first record instead of another, the primary field instead of the secondary).
     */
    static List<SyncAction> shrink(List<SyncAction> failing, Predicate<List<SyncAction>> fails, int budget) {
        List<SyncAction> best = List.copyOf(failing);
        int tried = 0;
        boolean progress = true;
        while (progress && tried < budget) {
            progress = false;
            for (int chunk = Math.max(1, best.size() / 2); chunk >= 1 && tried < budget; chunk /= 2) {
                for (int from = 0; from + chunk <= best.size() && tried < budget; ) {
                    List<SyncAction> candidate = new ArrayList<>(best.subList(0, from));
                    candidate.addAll(best.subList(from + chunk, best.size()));
                    tried++;
                    if (!candidate.isEmpty() && fails.test(candidate)) {
                        best = List.copyOf(candidate);
                        progress = true;
                    } else {
                        from += chunk;
                    }
                }
                if (chunk == 1) {
                    break;
                }
            }
            for (int i = 0; i < best.size() && tried < budget; i++) {
                for (SyncAction simpler : simpler(best.get(i))) {
                    List<SyncAction> candidate = new ArrayList<>(best);
                    candidate.set(i, simpler);
                    tried++;
                    if (fails.test(candidate)) {
                        best = List.copyOf(candidate);
                        progress = true;
                        break;
                    }
                    if (tried >= budget) {
                        break;
                    }
                }
            }
        }
        return best;
    }

    private static List<SyncAction> simpler(SyncAction step) {
        List<SyncAction> out = new ArrayList<>();
        if (step instanceof SyncAction.Crash c) {
            if (c.atCall() > 1) {
                out.add(SyncAction.crash(c.atCall() / 2));
                out.add(SyncAction.crash(c.atCall() - 1));
            }
            out.add(SyncAction.sync());
        } else if (step instanceof SyncAction.SyncWithFaults) {
            out.add(SyncAction.sync());
        } else if (step instanceof SyncAction.EditBoth e) {
            if (e.sameSecond()) {
                out.add(SyncAction.editBoth(e.pick(), e.prop(), false));
            }
            if (e.pick() > 0) {
                out.add(SyncAction.editBoth(0, e.prop(), e.sameSecond()));
            }
        } else if (step instanceof SyncAction.EditPo e && e.pick() > 0) {
            out.add(SyncAction.editPo(0, e.prop()));
        } else if (step instanceof SyncAction.EditZoho e) {
            if (e.secondary()) {
                out.add(SyncAction.editZoho(e.pick(), e.prop(), false));
            }
            if (e.pick() > 0) {
                out.add(SyncAction.editZoho(0, e.prop(), e.secondary()));
            }
        } else if (step instanceof SyncAction.DeletePo d && d.pick() > 0) {
            out.add(SyncAction.deletePo(0));
        } else if (step instanceof SyncAction.DeleteZoho d && d.pick() > 0) {
            out.add(SyncAction.deleteZoho(0));
        } else if (step instanceof SyncAction.RestoreZoho d && d.pick() > 0) {
            out.add(SyncAction.restoreZoho(0));
        } else if (step instanceof SyncAction.CreateZohoTwin t && t.pick() > 0) {
            out.add(SyncAction.createZohoTwin(t.kind(), 0));
        }
        return out;
    }

    /** The steps as Java, one per line, for a regression test. */
    static String asJava(List<SyncAction> steps) {
        StringBuilder b = new StringBuilder("List.of(\n");
        for (int i = 0; i < steps.size(); i++) {
            b.append("        ").append(steps.get(i)).append(i + 1 < steps.size() ? ",\n" : ")");
        }
        return b.toString();
    }
}
