#include "session/Session.h"

#include "Error.h"
#include "grammar/Value.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace jazz::session {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }
std::string ss(const QJsonValue& v) { return v.toString().toStdString(); }

QJsonArray pitchesJson(const std::vector<int>& p) {
    QJsonArray a;
    for (int x : p)
        a.append(x);
    return a;
}

} // namespace

std::string serializeSession(const Session& s) {
    QJsonObject o;
    o["format"] = "jazz-studio session";
    o["version"] = kSessionFormatVersion;
    QJsonArray corpus;
    for (const auto& c : s.corpus) {
        QJsonObject e{{"path", qs(c.path)}, {"melody_track", qs(c.melodyTrack)},
                      {"chord_track", qs(c.chordTrack)}};
        if (c.windowStart && c.windowEnd)
            e["window"] = QJsonArray{*c.windowStart, *c.windowEnd};
        if (!c.chords.empty())
            e["chords"] = qs(c.chords);
        corpus.append(e);
    }
    o["corpus"] = corpus;
    o["progression"] = qs(s.progressionText);
    o["transpose"] = s.transpose;
    o["choruses"] = s.choruses;
    o["model"] = qs(s.modelPath);
    QJsonArray takes;
    for (const auto& t : s.takes) {
        const auto& a = t.arrangement;
        QJsonArray bars;
        for (const auto& bar : a.solo.progression.bars) {
            QJsonArray chords;
            for (const auto& c : bar)
                chords.append(QJsonObject{{"offset", c.offset},
                                          {"pitches", pitchesJson(c.pitches)},
                                          {"symbol", qs(c.symbol)}});
            bars.append(chords);
        }
        QJsonArray notes;
        for (const auto& n : a.solo.notes)
            notes.append(QJsonArray{n.start, n.duration, n.pitch, n.velocity});
        QJsonArray parts;
        for (const auto& p : a.band) {
            QJsonArray pn;
            for (const auto& n : p.notes)
                pn.append(QJsonArray{n.start, n.duration, n.pitch, n.velocity});
            parts.append(QJsonObject{{"name", qs(p.name)},
                                     {"channel", p.channel},
                                     {"program", p.program},
                                     {"volume", p.volume},
                                     {"notes", pn}});
        }
        QJsonArray records;
        generate::Solo fitted = a.solo; // a take made by hand may lack records: read them back
        fitted.fitBars();
        for (const auto& b : fitted.bars) {
            QJsonArray values;
            for (const auto& v : b.values)
                values.append(qs(v));
            records.append(QJsonObject{{"values", values},
                                       {"seed", qint64(b.seed)},
                                       {"origin", qs(generate::originName(b.origin))},
                                       {"locked", b.locked}});
        }
        takes.append(QJsonObject{{"name", qs(t.name)},
                                 {"style", qs(a.style)},
                                 {"parts", parts},
                                 {"tempo", a.tempo},
                                 {"temperature", t.temperature},
                                 {"seed", qint64(t.seed)},
                                 {"beats_per_bar", a.solo.progression.beatsPerBar},
                                 {"bars", bars},
                                 {"notes", notes},
                                 {"bar_records", records}});
    }
    o["takes"] = takes;
    o["current_take"] = s.currentTake;
    o["band"] = QJsonObject{{"enabled", s.band.enabled},
                            {"style", qs(s.band.style)},
                            {"swing", s.band.swing},
                            {"count_in", s.band.countIn}};
    QJsonObject mixParts;
    for (const auto& [name, m] : s.mixer.parts)
        mixParts[qs(name)] = QJsonObject{{"volume", m.volume}, {"mute", m.mute}, {"solo", m.solo}};
    o["mixer"] = QJsonObject{{"master", s.mixer.master}, {"parts", mixParts}};
    return QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString();
}

Session parseSession(const std::string& json, const std::string& source) {
    auto fail = [&](const std::string& why) { return Error(source + ": " + why); };
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &perr);
    if (doc.isNull())
        throw fail("not a session file (JSON error at character " + std::to_string(perr.offset) +
                   ": " + perr.errorString().toStdString() + ")");
    const QJsonObject o = doc.object();
    if (o["format"].toString() != "jazz-studio session")
        throw fail("not a Jazz Studio session file");
    if (o["version"].toInt() > kSessionFormatVersion || o["version"].toInt() < 1)
        throw fail("session format version " + std::to_string(o["version"].toInt()) +
                   " is not supported");
    Session s;
    for (const auto& v : o["corpus"].toArray()) {
        const QJsonObject e = v.toObject();
        CorpusEntry c{ss(e["path"]), ss(e["melody_track"]), ss(e["chord_track"]), {}, {},
                      ss(e["chords"])};
        if (c.path.empty())
            throw fail("a corpus entry has no path");
        const QJsonArray w = e["window"].toArray();
        if (w.size() == 2) {
            c.windowStart = w[0].toDouble();
            c.windowEnd = w[1].toDouble();
        }
        s.corpus.push_back(c);
    }
    s.progressionText = ss(o["progression"]);
    s.transpose = std::clamp(o["transpose"].toInt(), -11, 11);
    s.choruses = std::clamp(o["choruses"].toInt(1), 1, 100);
    s.modelPath = ss(o["model"]);
    for (const auto& v : o["takes"].toArray()) {
        const QJsonObject t = v.toObject();
        Take take;
        take.name = ss(t["name"]);
        take.temperature = t["temperature"].toDouble(0.5);
        take.seed = uint32_t(t["seed"].toInteger());
        auto& a = take.arrangement;
        a.tempo = t["tempo"].toDouble(130);
        if (a.tempo < 20 || a.tempo > 400)
            throw fail("take '" + take.name + "' has an impossible tempo");
        a.solo.progression.beatsPerBar = t["beats_per_bar"].toDouble(4);
        if (a.solo.progression.beatsPerBar <= 0 || a.solo.progression.beatsPerBar > 32)
            throw fail("take '" + take.name + "' has an impossible bar length");
        for (const auto& bv : t["bars"].toArray()) {
            std::vector<generate::BarChord> bar;
            for (const auto& cv : bv.toArray()) {
                const QJsonObject c = cv.toObject();
                generate::BarChord chord;
                chord.offset = c["offset"].toDouble();
                for (const auto& p : c["pitches"].toArray())
                    chord.pitches.push_back(std::clamp(p.toInt(), 0, 127));
                chord.symbol = ss(c["symbol"]);
                bar.push_back(chord);
            }
            a.solo.progression.bars.push_back(bar);
        }
        for (const auto& nv : t["notes"].toArray()) {
            const QJsonArray n = nv.toArray();
            if (n.size() != 4)
                throw fail("take '" + take.name + "' has a malformed note");
            generate::SoloNote note{n[0].toDouble(), n[1].toDouble(), n[2].toInt(), n[3].toInt()};
            if (!(note.start >= 0) || !(note.duration > 0) || note.pitch < 0 || note.pitch > 127 ||
                note.velocity < 1 || note.velocity > 127)
                throw fail("take '" + take.name + "' has a note out of range");
            a.solo.notes.push_back(note);
        }
        const int bars = int(a.solo.progression.bars.size());
        if (t.contains("bar_records")) { // version 3
            const QJsonArray records = t["bar_records"].toArray();
            if (records.size() != bars)
                throw fail("take '" + take.name + "' has " + std::to_string(records.size()) +
                           " bar records for " + std::to_string(bars) + " bars");
            for (int b = 0; b < bars; ++b) {
                const QJsonObject r = records[b].toObject();
                auto bad = [&](const std::string& what) {
                    return fail("take '" + take.name + "', bar " + std::to_string(b + 1) + ": " +
                                what);
                };
                generate::TakeBar bar;
                for (const auto& v : r["values"].toArray()) {
                    if (!grammar::Value::parse(ss(v)))
                        throw bad("bad value '" + ss(v) + "'");
                    bar.values.push_back(ss(v));
                }
                const qint64 seed = r["seed"].toInteger(0);
                if (seed < 0 || seed > qint64(UINT32_MAX))
                    throw bad("seed out of range");
                bar.seed = uint32_t(seed);
                const auto origin = generate::parseOrigin(ss(r["origin"]));
                if (!origin)
                    throw bad("unknown origin '" + ss(r["origin"]) + "'");
                bar.origin = *origin;
                bar.locked = r["locked"].toBool(false);
                a.solo.bars.push_back(std::move(bar));
            }
        } else { // versions 1 and 2: read back from the notes
            a.solo.fitBars();
        }
        a.style = ss(t["style"]);
        a.performance.seed = take.seed;
        for (const auto& pv : t["parts"].toArray()) {
            const QJsonObject po = pv.toObject();
            midi::SongTrack part;
            part.index = int(a.band.size());
            part.name = ss(po["name"]);
            part.channel = po["channel"].toInt(-1);
            part.program = po["program"].toInt(0);
            part.volume = po["volume"].toInt(100);
            if (part.name.empty() || part.channel < 0 || part.channel > 15 || part.program < 0 ||
                part.program > 127 || part.volume < 0 || part.volume > 127)
                throw fail("take '" + take.name + "' has a malformed band part");
            for (const auto& nv : po["notes"].toArray()) {
                const QJsonArray n = nv.toArray();
                if (n.size() != 4)
                    throw fail("take '" + take.name + "', part '" + part.name +
                               "' has a malformed note");
                midi::SongNote note{n[0].toDouble(), n[1].toDouble(), n[2].toInt(), n[3].toInt(),
                                    part.channel};
                if (!(note.start >= 0) || !(note.duration > 0) || note.pitch < 0 ||
                    note.pitch > 127 || note.velocity < 1 || note.velocity > 127)
                    throw fail("take '" + take.name + "', part '" + part.name +
                               "' has a malformed note");
                part.notes.push_back(note);
            }
            a.band.push_back(std::move(part));
        }
        s.takes.push_back(take);
    }
    s.currentTake = std::clamp(o["current_take"].toInt(-1), -1, int(s.takes.size()) - 1);
    if (o.contains("band")) { // version 2
        const QJsonObject b = o["band"].toObject();
        s.band.enabled = b["enabled"].toBool(true);
        s.band.style = ss(b["style"]);
        s.band.swing = b["swing"].toDouble(0);
        if (s.band.swing != 0 && !(s.band.swing >= 1 && s.band.swing <= 3))
            throw fail("the band's swing must be 0 (follow the tempo) or 1 to 3");
        s.band.countIn = b["count_in"].toBool(false);
    }
    if (o.contains("mixer")) {
        const QJsonObject m = o["mixer"].toObject();
        s.mixer.master = std::clamp(m["master"].toInt(100), 0, 100);
        const QJsonObject parts = m["parts"].toObject();
        for (auto it = parts.begin(); it != parts.end(); ++it) {
            const QJsonObject p = it.value().toObject();
            s.mixer.parts[it.key().toStdString()] = {std::clamp(p["volume"].toInt(100), 0, 127),
                                                     p["mute"].toBool(false),
                                                     p["solo"].toBool(false)};
        }
    }
    return s;
}

void saveSession(const Session& s, const std::string& path) {
    const std::string text = serializeSession(s);
    QSaveFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::WriteOnly) ||
        f.write(text.data(), qint64(text.size())) != qint64(text.size()) || !f.commit())
        throw Error(path + ": cannot save the session: " + f.errorString().toStdString());
}

Session loadSession(const std::string& path) {
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot open: " + f.errorString().toStdString());
    if (f.size() > (64 << 20))
        throw Error(path + ": too large for a session file");
    return parseSession(f.readAll().toStdString(), path);
}

} // namespace jazz::session
