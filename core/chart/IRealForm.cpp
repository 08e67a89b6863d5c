#include "chart/IRealForm.h"

#include "Error.h"
#include "chart/IRealChart.h"

#include <algorithm>
#include <map>

namespace jazz::chart {

// Plays the written bars through once, as a rhythm section reads the form.
std::vector<std::string> playIRealForm(const std::vector<WrittenBar>& w, const std::string& tune) {
    auto refuse = [&](const std::string& why) {
        throw Error("iReal Pro tune \"" + tune + "\": " + why);
    };
    const int n = int(w.size());
    // Each '}' repeats to its '{'; a '}' that closes an ending repeats to the same start as the
    // ending before it; a '}' with no '{' repeats from after the previous '}' (or the top).
    std::vector<int> startOf(size_t(n), -1);
    int prevClose = -1, prevStart = 0;
    for (int e = 0; e < n; ++e) {
        if (!w[size_t(e)].repeatEnd)
            continue;
        int s = -1;
        for (int k = e; k > prevClose; --k)
            if (w[size_t(k)].repeatStart) {
                s = k;
                break;
            }
        if (s < 0)
            s = (prevClose >= 0 && w[size_t(prevClose + 1)].ending > 0) ? prevStart : prevClose + 1;
        startOf[size_t(e)] = s;
        prevClose = e;
        prevStart = s;
    }
    // Per repeat start: times through, the endings that close with '}', the last '}'.
    struct Group {
        int times = 2, innerEndings = 0, lastClose = -1, finalEnding = -1;
    };
    std::map<int, Group> groups;
    for (int e = 0; e < n; ++e) {
        if (startOf[size_t(e)] < 0)
            continue;
        Group& g = groups[startOf[size_t(e)]];
        g.lastClose = e;
    }
    for (auto& [s, g] : groups) {
        for (int k = s; k <= g.lastClose; ++k) {
            if (w[size_t(k)].ending > 0)
                g.innerEndings = std::max(g.innerEndings, w[size_t(k)].ending);
            g.times = std::max(g.times, w[size_t(k)].times);
        }
        if (g.lastClose + 1 < n && w[size_t(g.lastClose + 1)].ending > 0) {
            g.finalEnding = g.lastClose + 1;
            g.times = std::max(g.times, w[size_t(g.finalEnding)].ending);
        }
    }
    auto groupOfEnding = [&](int k) {
        const Group* best = nullptr;
        int bestStart = -1;
        for (const auto& [s, g] : groups)
            if (s <= k && (k <= g.lastClose || k == g.finalEnding) && s > bestStart) {
                best = &g;
                bestStart = s;
            }
        return std::make_pair(bestStart, best);
    };
    // The coda: the last bar with a Q; the sign that jumps to it: the first.
    std::vector<int> codas;
    for (int k = 0; k < n; ++k)
        if (w[size_t(k)].coda)
            codas.push_back(k);
    bool anyJump = false;
    int segno = -1;
    for (int k = 0; k < n; ++k) {
        if (w[size_t(k)].segno && segno < 0)
            segno = k;
        if (w[size_t(k)].jump == WrittenBar::None)
            continue;
        anyJump = true;
        if (w[size_t(k)].jump == WrittenBar::DS && segno < 0)
            refuse("D.S. in bar " + std::to_string(k + 1) + " with no segno (S) before it");
        if (w[size_t(k)].alCoda && codas.empty())
            refuse("\"al Coda\" in bar " + std::to_string(k + 1) + " but no coda (Q) in the chart");
    }
    const int toCoda = codas.size() >= 2 ? codas.front() : -1;
    // With a single Q (the coda itself), the D.S./D.C. bar, reached again, leads to the coda.
    const int coda = codas.empty() ? -1 : codas.back();

    std::vector<std::string> out;
    std::map<int, int> pass; // by repeat start
    bool jumped = false, alFine = false, alCoda = false;
    bool repeating = false; // arrived at a repeat start by repeating
    int pos = 0;
    long steps = 0;
    auto takesCoda = [&](int k) {
        if (k != toCoda)
            return false;
        if (jumped)
            return alCoda;
        if (anyJump)
            return false;
        // No D.C./D.S.: the coda ends the last chorus, on the last time through a repeat.
        const auto [s, g] = groupOfEnding(k);
        return !g || pass[s] >= g->times;
    };
    while (pos < n) {
        if (++steps > 20L * kMaxIRealBars)
            refuse("the form does not end");
        const WrittenBar& b = w[size_t(pos)];
        if (groups.count(pos) && !repeating)
            pass[pos] = 1;
        repeating = false;
        if (b.ending > 0) {
            const auto [s, g] = groupOfEnding(pos);
            if (g) {
                const int times = jumped ? 1 : g->times;
                const bool lastPass = pass[s] >= times;
                int want = lastPass ? (g->finalEnding >= 0 ? w[size_t(g->finalEnding)].ending : -1)
                                    : std::min(pass[s], std::max(1, g->innerEndings));
                if (b.ending != want) {
                    int target = g->lastClose + 1;
                    for (int k = pos + 1; k <= g->lastClose + 1 && k < n; ++k)
                        if (w[size_t(k)].ending == want) {
                            target = k;
                            break;
                        }
                    pos = target;
                    continue;
                }
            }
        }
        if (b.coda == 1 && takesCoda(pos)) {
            pos = coda;
            continue;
        }
        // Leading empty slots hold the chord played before this bar.
        std::string held = out.empty() ? "N.C." : out.back().substr(out.back().rfind(' ') + 1);
        std::string bar;
        for (const std::string& slot : b.slots) {
            if (!slot.empty())
                held = slot;
            if (!bar.empty())
                bar += ' ';
            bar += held;
        }
        out.push_back(bar);
        if (out.size() > size_t(kMaxIRealBars))
            refuse("the form is longer than " + std::to_string(kMaxIRealBars) + " bars");
        if ((jumped && alFine && b.fine) || b.end)
            break;
        if (b.coda == 2 && takesCoda(pos)) {
            pos = coda;
            continue;
        }
        if (b.jump != WrittenBar::None && !jumped) {
            jumped = true;
            alFine = b.alFine;
            alCoda = b.alCoda;
            pos = b.jump == WrittenBar::DC ? 0 : segno;
            continue;
        }
        if (b.jump != WrittenBar::None && alCoda && toCoda < 0 && coda > pos) {
            pos = coda;
            continue;
        }
        if (b.repeatEnd && startOf[size_t(pos)] >= 0) {
            const int s = startOf[size_t(pos)];
            const int times = jumped ? 1 : groups[s].times;
            if (pass[s] < times) {
                ++pass[s];
                pos = s;
                repeating = true;
                continue;
            }
        }
        ++pos;
    }
    return out;
}

} // namespace jazz::chart
