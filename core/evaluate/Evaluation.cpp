#include "evaluate/Evaluation.h"

#include <QString>

#include <algorithm>
#include <cmath>

namespace jazz::evaluate {

namespace {

// The line cut to bars [first, first + count), re-timed to start at 0.
Line slice(const Line& l, int first, int count) {
    Line out;
    out.beatsPerBar = l.beatsPerBar;
    out.bars = count;
    const double a = first * l.beatsPerBar, b = (first + count) * l.beatsPerBar;
    for (const Note& n : l.notes)
        if (n.start >= a - 1e-9 && n.start < b - 1e-9)
            out.notes.push_back({n.start - a, n.duration, n.pitch});
    const TimedChord* before = nullptr;
    for (const TimedChord& c : l.chords) {
        if (c.start < a - 1e-9)
            before = &c;
        else if (c.start < b - 1e-9)
            out.chords.push_back({c.start - a, c.pitches});
    }
    if (before && (out.chords.empty() || out.chords.front().start > 1e-9))
        out.chords.insert(out.chords.begin(), {0, before->pitches});
    return out;
}

// Per-bar samples of each feature (each 4-bar window for the 4-bar entropy, each pair of
// consecutive bars for groove).
std::map<std::string, std::vector<double>> samples(const std::vector<Line>& lines) {
    std::map<std::string, std::vector<double>> out;
    for (const Line& l : lines) {
        for (int b = 0; b < l.bars; ++b) {
            const Line bar = slice(l, b, 1);
            if (bar.notes.empty())
                continue;
            for (const auto& [k, v] : asMap(features(bar)))
                if (k != "pc_entropy_4bar" && k != "groove_similarity")
                    out[k].push_back(v);
        }
        for (int b = 0; b + 4 <= l.bars; ++b) { // every 4-bar window, overlapping
            const Line w = slice(l, b, 4);
            if (!w.notes.empty())
                out["pc_entropy_4bar"].push_back(features(w).pcEntropy4Bar);
        }
        for (int b = 0; b + 2 <= l.bars; ++b)
            out["groove_similarity"].push_back(features(slice(l, b, 2)).grooveSimilarity);
    }
    return out;
}

std::map<std::string, double> means(const std::vector<Line>& lines) {
    std::map<std::string, double> sum;
    int n = 0;
    for (const Line& l : lines) {
        if (l.notes.empty())
            continue;
        for (const auto& [k, v] : asMap(features(l)))
            sum[k] += v;
        ++n;
    }
    for (auto& [k, v] : sum)
        v /= std::max(1, n);
    return sum;
}

} // namespace

Line lineFromSolo(const generate::Solo& solo) {
    Line l;
    l.beatsPerBar = solo.progression.beatsPerBar;
    l.bars = int(solo.progression.bars.size());
    for (const auto& n : solo.notes)
        l.notes.push_back({n.start, n.duration, n.pitch});
    for (size_t b = 0; b < solo.progression.bars.size(); ++b)
        for (const auto& c : solo.progression.bars[b])
            l.chords.push_back({double(b) * l.beatsPerBar + c.offset, c.pitches});
    return l;
}

Line lineFromLeadSheet(const corpus::LeadSheet& sheet) {
    Line l;
    l.beatsPerBar = sheet.beatsPerBar;
    l.bars = int(sheet.measures.size());
    for (size_t i = 0; i < sheet.measures.size(); ++i) {
        const auto& m = sheet.measures[i];
        const double base = double(i) * l.beatsPerBar - m.start; // measures laid end to end
        for (const auto& e : m.melody)
            if (e.kind == corpus::MelodyEvent::Note)
                l.notes.push_back({e.offset + base, e.duration, e.pitches.front()});
        for (const auto& c : m.chords)
            l.chords.push_back({c.offset + base, c.pitches});
    }
    return l;
}

Line lineFromModelCorpus(const model::TrainedModel& m) {
    Line l;
    l.beatsPerBar = m.beatsPerBar;
    l.bars = int(m.corpusMelody.size());
    for (size_t i = 0; i < m.corpusMelody.size(); ++i) {
        for (const auto& n : m.corpusMelody[i])
            l.notes.push_back({double(i) * l.beatsPerBar + n.offset, n.duration, n.pitch});
        if (i < m.corpusChords.size())
            for (const auto& c : m.corpusChords[i])
                l.chords.push_back({double(i) * l.beatsPerBar + c.offset, c.pitches});
    }
    return l;
}

Report evaluate(const std::vector<Line>& solos, const std::vector<Line>& corpus) {
    Report r;
    r.corpus = means(corpus);
    r.solos = means(solos);
    std::vector<double> runs;
    for (const Line& s : solos)
        runs.push_back(longestCopiedRun(s, corpus));
    std::sort(runs.begin(), runs.end());
    r.solos["longest_copied_run_p95"] =
        runs.empty() ? 0 : runs[size_t(std::ceil(0.95 * double(runs.size())) - 1)];
    const auto a = samples(solos), b = samples(corpus);
    for (const auto& [k, v] : a)
        if (auto it = b.find(k); it != b.end())
            r.overlap[k] = overlap(v, it->second);
    return r;
}

std::vector<TargetCheck> checkTargets(const Report& r) {
    std::vector<TargetCheck> out;
    auto get = [](const std::map<std::string, double>& m, const std::string& k) {
        const auto it = m.find(k);
        return it == m.end() ? NAN : it->second;
    };
    auto within = [&](const std::string& k, double limit, const char* unit) {
        const double d = std::abs(get(r.solos, k) - get(r.corpus, k));
        out.push_back({k + ": |solos - corpus| <= " + QString::number(limit, 'f', 2).toStdString() +
                           unit,
                       d, d <= limit + 1e-12});
    };
    within("chord_tone_ratio", 0.10, "");
    within("pc_entropy_1bar", 0.3, " bits");
    within("pc_entropy_4bar", 0.3, " bits");
    const double run = get(r.solos, "longest_copied_run_p95");
    out.push_back({"longest_copied_run_p95 <= 8 notes", run, run <= 8});
    for (const auto& [k, v] : r.overlap)
        out.push_back({"overlap " + k + " >= 0.60", v, v >= 0.6});
    return out;
}

} // namespace jazz::evaluate
