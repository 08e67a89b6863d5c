#include "corpus/TextCorpus.h"

#include "Error.h"
#include "theory/ChordSymbol.h"
#include "theory/Pitch.h"

#include <QDir>
#include <QFile>

#include <cmath>
#include <sstream>

namespace jazz::corpus {

namespace {

std::string trim(const std::string& s) {
    const size_t a = s.find_first_not_of(" \t\r");
    if (a == std::string::npos)
        return {};
    const size_t b = s.find_last_not_of(" \t\r");
    return s.substr(a, b - a + 1);
}

std::vector<std::string> words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> out;
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

// Quarter notes for "8", "4.", "8t", "16"...
double parseDuration(const std::string& d, bool* ok) {
    *ok = false;
    std::string s = d;
    bool dotted = false, triplet = false;
    if (!s.empty() && s.back() == '.') {
        dotted = true;
        s.pop_back();
    } else if (!s.empty() && s.back() == 't') {
        triplet = true;
        s.pop_back();
    }
    double base = 0;
    if (s == "1")
        base = 4;
    else if (s == "2")
        base = 2;
    else if (s == "4")
        base = 1;
    else if (s == "8")
        base = 0.5;
    else if (s == "16")
        base = 0.25;
    else
        return 0;
    *ok = true;
    if (dotted)
        base *= 1.5;
    if (triplet)
        base *= 2.0 / 3.0;
    return base;
}

} // namespace

std::vector<Tune> parseTextCorpus(const std::string& text, const std::string& source) {
    std::vector<Tune> tunes;
    std::istringstream in(text);
    std::string raw;
    int lineNo = 0;
    double beatsPerBar = 4;
    double lastDuration = 0.5;
    std::vector<ChordEvent> lastChords;
    auto fail = [&](const std::string& why) {
        return Error(source + ":" + std::to_string(lineNo) + ": " + why);
    };
    while (std::getline(in, raw)) {
        ++lineNo;
        std::string line = raw;
        // A comment starts with '#' at the line's start or after a space (F#4 is a sharp).
        for (size_t i = 0; i < line.size(); ++i)
            if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
                line = line.substr(0, i);
                break;
            }
        line = trim(line);
        if (line.empty())
            continue;
        if (line.rfind("tune", 0) == 0) {
            const size_t q1 = line.find('"'), q2 = line.rfind('"');
            if (q1 == std::string::npos || q2 <= q1)
                throw fail("expected tune \"TITLE\"");
            Tune t;
            t.title = line.substr(q1 + 1, q2 - q1 - 1);
            t.sheet.source = source + ": " + t.title;
            beatsPerBar = 4;
            lastChords.clear();
            tunes.push_back(t);
            continue;
        }
        if (line.rfind("meter", 0) == 0) {
            int num = 0, den = 0;
            if (std::sscanf(line.c_str(), "meter %d/%d", &num, &den) != 2 || num < 1 || num > 32 ||
                (den != 2 && den != 4 && den != 8))
                throw fail("expected meter N/4 (or N/2, N/8)");
            beatsPerBar = num * 4.0 / den;
            if (!tunes.empty())
                tunes.back().sheet.beatsPerBar = beatsPerBar;
            continue;
        }
        if (line[0] != '|')
            throw fail("expected a bar line '| CHORDS | NOTES', 'tune \"...\"' or 'meter N/4'");
        if (tunes.empty())
            throw fail("a bar before the first 'tune \"TITLE\"' line");
        const size_t second = line.find('|', 1);
        if (second == std::string::npos)
            throw fail("expected '| CHORDS | NOTES' (the second '|' is missing)");
        Tune& tune = tunes.back();
        const int bar = int(tune.sheet.measures.size());
        Measure m;
        m.bar = bar;
        m.length = beatsPerBar;
        m.start = bar * beatsPerBar;
        // Chords.
        const auto chordWords = words(line.substr(1, second - 1));
        if (chordWords.size() == 1 && chordWords[0] == "%") {
            if (lastChords.empty())
                throw fail("'%' repeats the chords of a bar that does not exist");
            for (ChordEvent c : lastChords) {
                c.offset = m.start + (c.offset - std::floor(c.offset / beatsPerBar) * beatsPerBar);
                m.chords.push_back(c);
            }
        } else {
            if (chordWords.empty())
                throw fail("a bar needs at least one chord (or % to repeat)");
            for (size_t i = 0; i < chordWords.size(); ++i) {
                std::string sym = chordWords[i];
                double beat = beatsPerBar * double(i) / double(chordWords.size());
                if (const size_t at = sym.find('@'); at != std::string::npos) {
                    const double b = std::atof(sym.substr(at + 1).c_str());
                    if (b < 1 || b > beatsPerBar)
                        throw fail("chord beat '" + sym + "' outside the bar");
                    beat = b - 1;
                    sym = sym.substr(0, at);
                }
                std::string error;
                const auto c = theory::ChordSymbol::tryParse(sym, &error);
                if (!c)
                    throw fail(error);
                if (c->isNoChord())
                    continue;
                ChordEvent e;
                e.offset = m.start + beat;
                e.pitches = c->voicing(3);
                m.chords.push_back(e);
            }
        }
        for (size_t i = 0; i < m.chords.size(); ++i)
            m.chords[i].duration = (i + 1 < m.chords.size() ? m.chords[i + 1].offset
                                                             : m.start + beatsPerBar) -
                                   m.chords[i].offset;
        lastChords = m.chords;
        // Notes.
        double t = 0;
        for (const std::string& tok : words(line.substr(second + 1))) {
            const size_t colon = tok.find(':');
            const std::string pitchText = tok.substr(0, colon);
            double dur = lastDuration;
            if (colon != std::string::npos) {
                bool ok = false;
                dur = parseDuration(tok.substr(colon + 1), &ok);
                if (!ok)
                    throw fail("bad duration in '" + tok + "' (use 1 2 4 8 16, with . or t)");
            }
            lastDuration = dur;
            MelodyEvent e;
            e.offset = m.start + t;
            e.duration = dur;
            if (pitchText == "r") {
                e.kind = MelodyEvent::Rest;
            } else {
                std::string p = pitchText;
                // Accept "Bb4" (lead-sheet flat) as well as music21's "B-4".
                if (p.size() >= 3 && p[1] == 'b')
                    p[1] = '-';
                const auto pitch = theory::Pitch::parse(p);
                if (!pitch || pitchText.find_first_of("0123456789") == std::string::npos ||
                    pitch->midi() < 21 || pitch->midi() > 108)
                    throw fail("bad pitch '" + pitchText + "' (e.g. C4, F#5, Bb3; A0 to C8)");
                e.kind = MelodyEvent::Note;
                e.pitches = {pitch->midi()};
            }
            m.melody.push_back(e);
            t += dur;
        }
        if (std::abs(t - beatsPerBar) > 1e-6)
            throw fail("bar " + std::to_string(bar + 1) + " of \"" + tune.title + "\" holds " +
                       std::to_string(t).substr(0, 5) + " beats, the meter needs " +
                       std::to_string(int(beatsPerBar)));
        tune.sheet.measures.push_back(m);
        tune.chordSymbols.push_back(trim(line.substr(1, second - 1)));
    }
    for (const Tune& t : tunes)
        if (t.sheet.measures.empty())
            throw Error(source + ": tune \"" + t.title + "\" has no bars");
    if (tunes.empty())
        throw Error(source + ": no tunes (start one with: tune \"TITLE\")");
    return tunes;
}

std::vector<Tune> readTextCorpus(const std::string& path) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot open: " + f.errorString().toStdString());
    if (f.size() > (16 << 20))
        throw Error(path + ": too large for a corpus text file");
    return parseTextCorpus(f.readAll().toStdString(), path);
}

std::vector<std::string> bundledCorpusFiles() {
    std::vector<std::string> files;
    for (const QString& f : QDir(":/corpus").entryList({"*.txt"}, QDir::Files, QDir::Name))
        files.push_back((":/corpus/" + f).toStdString());
    return files;
}

std::vector<Tune> bundledCorpus() {
    std::vector<Tune> all;
    for (const std::string& f : bundledCorpusFiles()) {
        auto tunes = readTextCorpus(f);
        all.insert(all.end(), tunes.begin(), tunes.end());
    }
    return all;
}

Tune transposed(const Tune& tune, int semitones) {
    Tune t = tune;
    for (Measure& m : t.sheet.measures) {
        for (MelodyEvent& e : m.melody)
            for (int& p : e.pitches)
                p += semitones;
        for (ChordEvent& c : m.chords)
            for (int& p : c.pitches)
                p += semitones;
    }
    t.title += " (" + std::string(semitones >= 0 ? "+" : "") + std::to_string(semitones) + ")";
    return t;
}

} // namespace jazz::corpus
