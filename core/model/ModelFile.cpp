#include "model/ModelFile.h"

#include "Error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <array>
#include <cstring>

namespace jazz::model {

namespace {

constexpr char kMagic[8] = {'J', 'A', 'Z', 'Z', 'M', 'O', 'D', 'L'};

uint32_t crc32(const uint8_t* data, size_t n) {
    static const std::array<uint32_t, 256> table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; ++i)
        c = table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

void putU32(std::vector<uint8_t>& out, uint32_t v) {
    for (int i = 0; i < 4; ++i)
        out.push_back(uint8_t(v >> (8 * i)));
}
uint32_t getU32(const uint8_t* p) {
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

std::vector<std::vector<float>*> buffers(LstmModel& m) {
    return {&m.kernel, &m.recurrent, &m.bias, &m.dense, &m.denseBias, &m.condKernel};
}

} // namespace

std::vector<uint8_t> serializeModel(const TrainedModel& t) {
    QJsonObject h;
    h["format"] = "jazz-studio model";
    // The notebook's model stays version 1, readable by every build; a chord-aware model is
    // version 2, so that a build without it refuses it by version rather than by size.
    const uint32_t version = uint32_t(formatVersion(t));
    h["version"] = int(version);
    QJsonObject config{{"n_values", t.model.config.nValues},
                       {"n_a", t.model.config.nA},
                       {"tx", t.model.config.tx}};
    if (t.model.config.nCond > 0)
        config["n_cond"] = t.model.config.nCond;
    h["config"] = config;
    QJsonArray vocab;
    for (const auto& v : t.vocabulary.values())
        vocab.append(QString::fromStdString(v));
    h["vocabulary"] = vocab;
    const TrainOptions& o = t.options;
    h["training"] = QJsonObject{{"epochs", o.epochs},         {"batch_size", o.batchSize},
                                {"learning_rate", o.learningRate}, {"beta1", o.beta1},
                                {"beta2", o.beta2},           {"epsilon", o.epsilon},
                                {"decay", o.decay},           {"seed", qint64(o.seed)},
                                {"windows", t.windows}};
    QJsonArray sources;
    for (const auto& s : t.sources)
        sources.append(QString::fromStdString(s));
    h["sources"] = sources;
    if (version >= 3) {
        QJsonObject tr = h["training"].toObject();
        tr["recipe"] = QString::fromStdString(t.recipe);
        tr["schedule"] = o.schedule == Schedule::WarmupCosine ? "warmup-cosine" : "keras-decay";
        tr["warmup_steps"] = o.warmupSteps;
        tr["final_rate_share"] = o.finalRateShare;
        tr["clip_norm"] = o.clipNorm;
        tr["dropout"] = o.dropout;
        tr["mean_loss"] = o.meanLoss;
        tr["minutes"] = o.minutes;
        tr["patience"] = o.patience;
        tr["best_epoch"] = t.bestEpoch;
        tr["validation_share"] = t.validationShare;
        tr["validation_pieces"] = t.validationPieces;
        tr["val_loss"] = t.valLoss;
        tr["ngram_val_loss"] = t.ngramValLoss;
        tr["ngram_order"] = t.ngramOrder;
        h["training"] = tr;
    }
    QJsonArray history;
    for (const auto& e : t.history) {
        QJsonObject row{{"epoch", e.epoch},
                        {"loss", e.loss},
                        {"accuracy", e.accuracy},
                        {"learning_rate", e.learningRate},
                        {"elapsed_s", e.elapsedSeconds}};
        if (version >= 3 && e.valLoss >= 0)
            row["val_loss"] = e.valLoss;
        history.append(row);
    }
    h["history"] = history;
    QJsonArray measures;
    for (const auto& m : t.corpusChords) {
        QJsonArray chords;
        for (const auto& c : m) {
            QJsonArray pitches;
            for (int p : c.pitches)
                pitches.append(p);
            chords.append(QJsonObject{{"offset", c.offset}, {"pitches", pitches}});
        }
        measures.append(chords);
    }
    h["corpus_chords"] = measures;
    QJsonArray melody;
    for (const auto& m : t.corpusMelody) {
        QJsonArray notes;
        for (const auto& n : m)
            notes.append(QJsonArray{n.offset, n.duration, n.pitch});
        melody.append(notes);
    }
    h["corpus_melody"] = melody;
    h["beats_per_bar"] = t.beatsPerBar;
    const QByteArray json = QJsonDocument(h).toJson(QJsonDocument::Compact);

    std::vector<uint8_t> out(kMagic, kMagic + 8);
    putU32(out, version);
    putU32(out, uint32_t(json.size()));
    out.insert(out.end(), json.begin(), json.end());
    LstmModel& m = const_cast<LstmModel&>(t.model);
    uint32_t count = 0;
    for (auto* b : buffers(m))
        count += uint32_t(b->size());
    putU32(out, count);
    for (auto* b : buffers(m))
        for (float f : *b) {
            uint32_t bits;
            std::memcpy(&bits, &f, 4);
            putU32(out, bits);
        }
    putU32(out, crc32(out.data(), out.size()));
    return out;
}

TrainedModel parseModel(const std::vector<uint8_t>& bytes, const std::string& source) {
    auto fail = [&](const std::string& why) -> Error { return Error(source + ": " + why); };
    if (bytes.size() < 8 || std::memcmp(bytes.data(), kMagic, 8) != 0)
        throw fail("not a Jazz Studio model file");
    if (bytes.size() < 24)
        throw fail("truncated model file (" + std::to_string(bytes.size()) + " bytes)");
    const uint32_t version = getU32(&bytes[8]);
    if (version > uint32_t(kModelFormatVersion) || version == 0)
        throw fail("model format version " + std::to_string(version) +
                   " is not supported (this build reads version " +
                   std::to_string(kModelFormatVersion) + ")");
    const uint32_t headerLen = getU32(&bytes[12]);
    if (uint64_t(headerLen) + 24 > bytes.size())
        throw fail("truncated model file (header of " + std::to_string(headerLen) +
                   " bytes, file of " + std::to_string(bytes.size()) + ")");
    const uint32_t count = getU32(&bytes[16 + headerLen]);
    const uint64_t expected = 16 + uint64_t(headerLen) + 4 + uint64_t(count) * 4 + 4;
    if (bytes.size() < expected)
        throw fail("truncated model file (expected " + std::to_string(expected) + " bytes, got " +
                   std::to_string(bytes.size()) + ")");
    if (bytes.size() > expected)
        throw fail("unexpected data after the model (" + std::to_string(bytes.size() - expected) +
                   " bytes)");
    // Fuzz builds (libFuzzer's convention) read past a wrong checksum, so that mutated files
    // reach the header and weight parsing behind it instead of stopping here.
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
    if (crc32(bytes.data(), bytes.size() - 4) != getU32(&bytes[bytes.size() - 4]))
        throw fail("corrupt model file (checksum mismatch)");
#endif

    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray(reinterpret_cast<const char*>(&bytes[16]), qsizetype(headerLen)), &perr);
    if (!doc.isObject())
        throw fail("corrupt model header: " + perr.errorString().toStdString());
    const QJsonObject h = doc.object();
    if (h["format"].toString() != "jazz-studio model")
        throw fail("not a Jazz Studio model file (header format)");
    TrainedModel t;
    const QJsonObject cfg = h["config"].toObject();
    t.model.config.nValues = cfg["n_values"].toInt();
    t.model.config.nA = cfg["n_a"].toInt();
    t.model.config.tx = cfg["tx"].toInt();
    t.model.config.nCond = cfg["n_cond"].toInt(0);
    const auto& c = t.model.config;
    if (c.nValues < 1 || c.nValues > 100000 || c.nA < 1 || c.nA > 4096 || c.tx < 1 ||
        c.nCond < 0 || c.nCond > 1024)
        throw fail("model header has impossible sizes");
    if (c.nCond > 0 && version < 2)
        throw fail("model header is inconsistent (chord inputs in a version 1 file)");
    std::vector<std::string> vocab;
    for (const auto& v : h["vocabulary"].toArray())
        vocab.push_back(v.toString().toStdString());
    t.vocabulary = dataset::Vocabulary::fromValues(vocab);
    if (t.vocabulary.size() != c.nValues || t.vocabulary.values() != vocab)
        throw fail("model vocabulary does not match its size or order");
    const int64_t G = 4 * int64_t(c.nA);
    const int64_t want = int64_t(c.nValues) * G + int64_t(c.nA) * G + G +
                         int64_t(c.nA) * c.nValues + c.nValues + int64_t(c.nCond) * G;
    if (int64_t(count) != want)
        throw fail("model holds " + std::to_string(count) + " weights, its sizes need " +
                   std::to_string(want));
    t.model.kernel.resize(size_t(c.nValues * G));
    t.model.recurrent.resize(size_t(c.nA * G));
    t.model.bias.resize(size_t(G));
    t.model.dense.resize(size_t(c.nA) * size_t(c.nValues));
    t.model.denseBias.resize(size_t(c.nValues));
    t.model.condKernel.resize(size_t(c.nCond) * size_t(G));
    const uint8_t* p = &bytes[20 + headerLen];
    for (auto* b : buffers(t.model))
        for (float& f : *b) {
            const uint32_t bits = getU32(p);
            std::memcpy(&f, &bits, 4);
            p += 4;
        }
    const QJsonObject tr = h["training"].toObject();
    t.options.epochs = tr["epochs"].toInt();
    t.options.batchSize = tr["batch_size"].toInt(32);
    t.options.learningRate = tr["learning_rate"].toDouble();
    t.options.beta1 = tr["beta1"].toDouble();
    t.options.beta2 = tr["beta2"].toDouble();
    t.options.epsilon = tr["epsilon"].toDouble();
    t.options.decay = tr["decay"].toDouble();
    t.options.seed = uint32_t(tr["seed"].toInteger());
    t.windows = tr["windows"].toInt();
    if (version >= 3) {
        t.recipe = tr["recipe"].toString("collection").toStdString();
        if (t.recipe != "notebook" && t.recipe != "collection")
            throw fail("model header names an unknown training recipe '" + t.recipe + "'");
        t.options.schedule = tr["schedule"].toString() == "warmup-cosine" ? Schedule::WarmupCosine
                                                                          : Schedule::KerasDecay;
        t.options.warmupSteps = tr["warmup_steps"].toInt();
        t.options.finalRateShare = tr["final_rate_share"].toDouble(0.05);
        t.options.clipNorm = tr["clip_norm"].toDouble();
        t.options.dropout = tr["dropout"].toDouble();
        t.options.meanLoss = tr["mean_loss"].toBool();
        t.options.minutes = tr["minutes"].toDouble();
        t.options.patience = tr["patience"].toInt();
        t.bestEpoch = tr["best_epoch"].toInt();
        t.validationShare = tr["validation_share"].toDouble();
        t.validationPieces = tr["validation_pieces"].toInt();
        t.valLoss = tr["val_loss"].toDouble(-1);
        t.ngramValLoss = tr["ngram_val_loss"].toDouble(-1);
        t.ngramOrder = tr["ngram_order"].toInt();
    }
    for (const auto& s : h["sources"].toArray())
        t.sources.push_back(s.toString().toStdString());
    for (const auto& e : h["history"].toArray()) {
        const QJsonObject o = e.toObject();
        t.history.push_back({o["epoch"].toInt(), o["loss"].toDouble(), o["accuracy"].toDouble(),
                             o["learning_rate"].toDouble(), o["elapsed_s"].toDouble(),
                             o["val_loss"].toDouble(-1)});
    }
    for (const auto& m : h["corpus_chords"].toArray()) {
        std::vector<CorpusChord> chords;
        for (const auto& ch : m.toArray()) {
            const QJsonObject o = ch.toObject();
            CorpusChord cc;
            cc.offset = o["offset"].toDouble();
            for (const auto& pv : o["pitches"].toArray())
                cc.pitches.push_back(std::clamp(pv.toInt(), 0, 127));
            chords.push_back(cc);
        }
        t.corpusChords.push_back(chords);
    }
    for (const auto& m : h["corpus_melody"].toArray()) {
        std::vector<CorpusNote> notes;
        for (const auto& nv : m.toArray()) {
            const QJsonArray n = nv.toArray();
            if (n.size() != 3)
                throw fail("corrupt model header: a corpus note is malformed");
            notes.push_back({n[0].toDouble(), n[1].toDouble(), std::clamp(n[2].toInt(), 0, 127)});
        }
        t.corpusMelody.push_back(notes);
    }
    t.beatsPerBar = h["beats_per_bar"].toDouble(4);
    if (t.beatsPerBar <= 0 || t.beatsPerBar > 32)
        throw fail("model header has an impossible bar length");
    return t;
}

void saveModel(const TrainedModel& m, const std::string& path) {
    const std::vector<uint8_t> bytes = serializeModel(m);
    QSaveFile out(QString::fromStdString(path));
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size())) !=
            qint64(bytes.size()) ||
        !out.commit())
        throw Error(path + ": cannot write: " + out.errorString().toStdString());
}

TrainedModel loadModel(const std::string& path) {
    QFile in(QString::fromStdString(path));
    if (!in.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot open: " + in.errorString().toStdString());
    if (in.size() > (256 << 20))
        throw Error(path + ": too large for a model file");
    const QByteArray data = in.readAll();
    return parseModel(std::vector<uint8_t>(data.begin(), data.end()), path);
}

} // namespace jazz::model
