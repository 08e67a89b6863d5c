#include "LivePanel.h"

#include "BarRuler.h"
#include "ComposePanel.h"
#include "ElidedLabel.h"
#include "Error.h"
#include "NoteCommands.h"
#include "PianoRoll.h"
#include "ProgressionPanel.h"
#include "StudioDocument.h"
#include "TransportBar.h"
#include "generate/Arrangement.h"
#include "studio/GenerationJob.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <thread>

namespace jazz::ui {

namespace {
QString rangeText(int first, int last) {
    return QString::fromStdString(studio::barRangeText(first, last));
}
const char* kPort = "port:";
const char* kSource = "source:";
} // namespace

LivePanel::LivePanel(StudioDocument* document, ProgressionPanel* progression, PianoRoll* roll,
                     ComposePanel* compose, TransportBar* transport, QUndoStack* undo,
                     QWidget* parent)
    : QWidget(parent), document_(document), progression_(progression), roll_(roll),
      compose_(compose), bar_(transport), undo_(undo) {
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("<b>Live</b>"), this));
    input_ = new QComboBox(this);
    input_->setObjectName("liveInput");
    input_->setMinimumContentsLength(8);
    input_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    input_->setToolTip(tr("The MIDI input you play into (opened when you record or trade)"));
    refresh_ = new QPushButton(tr("↻"), this);
    refresh_->setToolTip(tr("Look for MIDI inputs again"));
    record_ = new QPushButton(this);
    record_->setObjectName("recordButton");
    record_->setToolTip(tr("Play over the band from the selected bar (a bar of count-in first); "
                           "what you play replaces the bars it covers"));
    continueIdea_ = new QPushButton(tr("Continue my idea"), this);
    continueIdea_->setObjectName("continueIdeaButton");
    continueIdea_->setToolTip(tr("The model goes on from the phrase you just recorded"));
    tradeBars_ = new QComboBox(this);
    for (int n : {2, 4, 8})
        tradeBars_->addItem(tr("%1 bars").arg(n), n);
    tradeBars_->setCurrentIndex(1);
    tradeBars_->setToolTip(tr("Bars per turn when trading"));
    starts_ = new QComboBox(this);
    starts_->addItem(tr("You start"));
    starts_->addItem(tr("Model starts"));
    starts_->setToolTip(tr("Who plays the first turn (after a bar of count-in)"));
    choruses_ = new QSpinBox(this);
    choruses_->setRange(1, 16);
    choruses_->setSuffix(tr(" ×"));
    choruses_->setToolTip(tr("Times through the chart"));
    loop_ = new QCheckBox(tr("Loop"), this);
    loop_->setToolTip(tr("Go round the chart until you press Stop"));
    trade_ = new QPushButton(this);
    trade_->setObjectName("tradeButton");
    trade_->setToolTip(tr("Trade bars with the model over the chart: it answers each of your "
                          "turns; the exchange becomes a new take"));
    status_ = new ElidedLabel(this);

    // Rows, not a form: the right column keeps its width (its widest panel sets it).
    auto row = [layout](std::initializer_list<QWidget*> widgets, QWidget* stretch) {
        auto* h = new QHBoxLayout;
        for (QWidget* w : widgets)
            h->addWidget(w, w == stretch ? 1 : 0);
        layout->addLayout(h);
    };
    row({input_, refresh_}, input_);
    row({record_, continueIdea_}, nullptr);
    row({tradeBars_, starts_}, nullptr);
    row({choruses_, loop_, trade_}, trade_);
    layout->addWidget(status_);

    poll_ = new QTimer(this);
    poll_->setInterval(20);
    connect(poll_, &QTimer::timeout, this, [this] {
        if (recording_)
            pollRecording();
        else if (isTrading() && bar_->service()->isPlaying()) // position(): any thread
            roll_->setPlayhead(std::max(0.0, bar_->service()->position() -
                                                 tradeArrangement_.solo.progression.beatsPerBar));
    });
    auto complain = [this](bool ok, const QString& error) {
        if (!ok)
            Q_EMIT errorOccurred(error);
    };
    connect(refresh_, &QPushButton::clicked, this, &LivePanel::refreshInputs);
    connect(record_, &QPushButton::clicked, this, [this, complain] {
        if (recording_)
            return stopRecording();
        QString error;
        complain(startRecording(&error), error);
    });
    connect(continueIdea_, &QPushButton::clicked, this, [this, complain] {
        QString error;
        complain(continueIdea(&error), error);
    });
    connect(trade_, &QPushButton::clicked, this, [this, complain] {
        if (isTrading())
            return stopTrade();
        QString error;
        complain(startTrade(&error), error);
    });
    connect(loop_, &QCheckBox::toggled, choruses_, &QSpinBox::setDisabled);
    connect(document_, &StudioDocument::modelChanged, this, &LivePanel::updateActions);
    connect(document_, &StudioDocument::currentTakeChanged, this, [this] {
        if (recording_ && document_->currentTake() != recordTake_)
            stopRecording(); // the phrase belonged to the take left (it is not kept)
        if (document_->currentTake() != recordTake_)
            recordedFirst_ = recordedLast_ = -1;
        updateActions();
    });
    connect(compose_, &ComposePanel::finished, this, &LivePanel::updateActions);
    refreshInputs();
    updateActions();
}

LivePanel::~LivePanel() {
    if (worker_) {
        cancel_->store(true);
        worker_->wait();
        delete worker_;
        bar_->listenForErrors();
    }
    if (recording_)
        bar_->service()->stop();
}

QString LivePanel::status() const {
    return status_->text();
}

void LivePanel::report(const QString& text) {
    status_->setText(text);
}

void LivePanel::refreshInputs() {
    const QString was = input_->currentData().toString();
    QSignalBlocker block(input_);
    input_->clear();
    std::string error;
    for (const auto& port : playback::Transport::inputPorts(playback::MidiApi::Default, &error))
        input_->addItem(QString::fromStdString(port), kPort + QString::fromStdString(port));
    for (int i = 0; i < sources_.size(); ++i)
        input_->addItem(sourceNames_[i], kSource + QString::number(i));
    if (!error.empty()) {
        // No MIDI system (a headless machine): said once; the rest of the studio works.
        const QString why = tr("No MIDI input here: %1").arg(QString::fromStdString(error));
        if (noInputs_ != why)
            report(why);
        noInputs_ = why;
        input_->setToolTip(why);
    } else {
        noInputs_.clear();
    }
    if (input_->count() == 0)
        input_->addItem(tr("(no MIDI input)"), QString());
    const int i = input_->findData(was);
    input_->setCurrentIndex(std::max(0, i));
    updateActions();
}

void LivePanel::addSource(const QString& name, playback::MidiSource* source) {
    sources_.push_back(source);
    sourceNames_.push_back(name);
    if (input_->count() == 1 && input_->itemData(0).toString().isEmpty())
        input_->clear();
    input_->addItem(name, kSource + QString::number(sources_.size() - 1));
    input_->setCurrentIndex(input_->count() - 1);
    updateActions();
}

bool LivePanel::chooseInput(QString* error) {
    const QString d = input_->currentData().toString();
    playback::Transport* t = bar_->service();
    if (d.startsWith(kSource)) {
        t->setInput(playback::Input::given(sources_.value(d.mid(int(strlen(kSource))).toInt())));
    } else if (d.startsWith(kPort)) {
        t->setInput(playback::Input::midiPort(d.mid(int(strlen(kPort))).toStdString()));
    } else {
        *error = noInputs_.isEmpty()
                     ? tr("Choose a MIDI input first (connect a keyboard, then press ↻).")
                     : noInputs_;
        return false;
    }
    return true;
}

void LivePanel::updateActions() {
    const bool busy = recording_ || isTrading();
    const bool haveInput = !input_->currentData().toString().isEmpty();
    record_->setText(recording_ ? tr("■ Stop recording") : tr("● Record"));
    record_->setEnabled(recording_ || (!busy && haveInput));
    trade_->setText(isTrading() ? tr("■ Stop trading") : tr("Trade"));
    trade_->setEnabled(isTrading() || (!busy && haveInput && document_->model()));
    continueIdea_->setEnabled(!busy && recordedFirst_ >= 0 && document_->model() &&
                              !compose_->isBusy());
    for (QWidget* w : std::initializer_list<QWidget*>{input_, refresh_, tradeBars_, starts_})
        w->setEnabled(!busy);
    choruses_->setEnabled(!busy && !loop_->isChecked());
    loop_->setEnabled(!busy);
    bar_->setEnabled(!busy); // the transport has one user at a time
}

// ---- Record

bool LivePanel::startRecording(QString* error) {
    if (recording_ || isTrading()) {
        *error = tr("Stop first: the studio is already listening.");
        return false;
    }
    if (!chooseInput(error))
        return false;
    if (document_->currentTake() < 0) {
        // A phrase on no take: a take over the chart's chords, empty, to record into.
        const auto form = progression_->progression(error);
        if (!form)
            return false;
        session::Take take;
        take.arrangement.solo.progression = *form;
        take.arrangement.tempo = bar_->tempo();
        take.name = tr("Recording %1").arg(document_->takeCount() + 1).toStdString();
        document_->addTake(std::move(take));
    }
    const int t = document_->currentTake();
    generate::Arrangement a = document_->take(t).arrangement;
    const int bars = int(a.solo.progression.bars.size());
    const auto sel = roll_->ruler()->selection();
    const int first = sel ? std::clamp(sel->first, 0, std::max(0, bars - 1)) : 0;
    // The band over the take's chords, without the solo being replaced; one bar of count-in
    // before bar 1 always (a musician counts in even with the band off), and when recording
    // from a later bar the bar before it plays as the lead-in.
    a.solo.notes.clear();
    a.performance.swing = document_->band().swing;
    a.tempo = bar_->tempo(); // as Play plays it
    generate::SongOptions o;
    o.mixer = &document_->mixer();
    o.keepMuted = true;
    o.countIn = true;
    const midi::Song song = a.toSong(o);
    const double bpb = a.solo.progression.beatsPerBar;
    span_ = {(first + 1) * bpb, first, bars - first, bpb};

    playback::Transport* transport = bar_->service();
    bar_->stop();
    bar_->chooseOutput();
    std::string failure;
    if (!transport->openInput(&failure)) {
        *error = QString::fromStdString(failure);
        return false;
    }
    transport->clearLoop();
    if (!transport->play(song, first * bpb, &failure)) {
        const QString why = QString::fromStdString(failure);
        bar_->message()->setText(why); // a device: said on the transport's line
        Q_EMIT deviceFailed(why);
        *error = why;
        return false;
    }
    recordTake_ = t;
    heard_.clear();
    polls_ = 0;
    lastBeat_ = first * bpb;
    recording_ = true;
    recordingText_ = tr("Recording from %1").arg(rangeText(first, first));
    bar_->message()->setText(recordingText_);
    report(tr("Recording: play after the count-in; Stop when done"));
    poll_->start();
    updateActions();
    return true;
}

void LivePanel::pollRecording() {
    if (!recording_)
        return;
    playback::Transport* t = bar_->service();
    for (auto& m : t->takeInput())
        heard_.push_back(std::move(m));
    roll_->setPlayhead(std::max(0.0, t->position() - span_.beatsPerBar));
    lastBeat_ = t->beatAt(t->clock().now()); // where a failing device left us
    // A few times a second: is the input still there? (A gone one is reported once by the
    // transport's handler, on its message line.)
    if (++polls_ % 10 == 0 || (t->source() && t->source()->failed()))
        t->poll();
    if (!t->isPlaying() || !t->source() || t->source()->failed())
        finishRecording(); // the end of the form, or the input went away: keep what came
}

void LivePanel::stopRecording() {
    if (recording_)
        finishRecording();
}

void LivePanel::finishRecording() {
    poll_->stop();
    recording_ = false;
    playback::Transport* t = bar_->service();
    for (auto& m : t->takeInput())
        heard_.push_back(std::move(m));
    const double end = span_.origin + span_.bars * span_.beatsPerBar;
    const double until =
        std::min(end, t->engine() ? t->beatAt(t->clock().now()) : std::max(lastBeat_, 0.0));
    t->stop();
    roll_->setPlayhead(-1);
    if (bar_->message()->text() == recordingText_) // not a device's failure: that stays
        bar_->message()->clear();
    updateActions();
    const int take = recordTake_;
    if (take != document_->currentTake() || take >= document_->takeCount()) {
        report(tr("Another take was chosen while recording: the phrase was not kept."));
        Q_EMIT recorded(false);
        return;
    }
    const auto notes = compose::readRecording(heard_, until, span_);
    heard_.clear();
    if (notes.empty()) {
        report(tr("Nothing was played: the take is unchanged."));
        Q_EMIT recorded(false);
        return;
    }
    const double bpb = span_.beatsPerBar;
    int last = span_.firstBar;
    for (const auto& n : notes)
        last = std::max(last, int(std::floor(n.start / bpb + 1e-9)));
    last = std::min(last, span_.firstBar + span_.bars - 1);
    const generate::Solo before = document_->take(take).arrangement.solo;
    generate::Solo after = compose::withRecording(before, notes, span_.firstBar, last);
    const QString what = tr("Record %1").arg(rangeText(span_.firstBar, last));
    undo_->push(new ReplaceSoloCommand(document_, take, before, std::move(after), what));
    recordedFirst_ = span_.firstBar;
    recordedLast_ = last;
    report(tr("%1: %n note(s)", nullptr, int(notes.size())).arg(what));
    updateActions();
    Q_EMIT recorded(true);
}

bool LivePanel::continueIdea(QString* error) {
    const int take = document_->currentTake();
    if (recordedFirst_ < 0 || take < 0) {
        *error = tr("Record a phrase first; the model then goes on from it.");
        return false;
    }
    const int keep = recordedLast_ + 1;
    const int bars = int(document_->take(take).arrangement.solo.progression.bars.size());
    const int count = bars > keep ? bars - keep : compose_->continueBars()->value();
    if (!compose_->continueFrom(keep, count, error))
        return false;
    report(tr("Continuing from %1…").arg(rangeText(recordedFirst_, recordedLast_)));
    updateActions();
    return true;
}

// ---- Trade

bool LivePanel::startTrade(QString* error) {
    if (recording_ || isTrading()) {
        *error = tr("Stop first: the studio is already listening.");
        return false;
    }
    const auto model = document_->model();
    if (!model) {
        *error = tr("Train or open a model first.");
        return false;
    }
    if (!chooseInput(error))
        return false;
    const auto form = progression_->progression(error);
    if (!form)
        return false;
    // One chorus of the chart (the Chords panel repeats it by its choruses), then as many as
    // asked here, or one looped until Stop.
    generate::Progression chorus = *form;
    const int repeats = std::max(1, document_->session().choruses);
    if (int(chorus.bars.size()) % repeats == 0)
        chorus.bars.resize(chorus.bars.size() / size_t(repeats));
    generate::Progression progression = chorus;
    if (!loop_->isChecked())
        for (int c = 1; c < choruses_->value(); ++c)
            progression.bars.insert(progression.bars.end(), chorus.bars.begin(), chorus.bars.end());

    // The band of the current take when it is over these chords, else block chords.
    generate::Arrangement a;
    double temperature = 0.5;
    if (const int t = document_->currentTake(); t >= 0) {
        const session::Take& take = document_->take(t);
        temperature = take.temperature;
        if (studio::sameChords(take.arrangement.solo.progression, progression))
            a = take.arrangement;
    }
    a.solo.notes.clear();
    a.solo.bars.clear();
    a.solo.progression = progression;
    a.performance.swing = document_->band().swing;
    a.tempo = bar_->tempo(); // the take keeps the tempo it was traded at
    generate::SongOptions o;
    o.mixer = &document_->mixer();
    o.keepMuted = true;
    o.countIn = true;
    const midi::Song song = a.toSong(o);
    tradeArrangement_ = a;
    tradeTemperature_ = temperature;

    compose::TradeOptions opts;
    opts.barsPerTurn = tradeBars_->currentData().toInt();
    opts.playerFirst = starts_->currentIndex() == 0;
    opts.seed = uint32_t(compose_->seed()->value());
    tradeSeed_ = opts.seed;
    compose_->seed()->setValue(compose_->seed()->value() + 1);
    opts.generate.sampling.temperature = temperature;
    opts.origin = progression.beatsPerBar; // after the count-in
    opts.endless = loop_->isChecked();
    for (const auto& track : song.tracks)
        if (track.name == "Solo")
            opts.soloChannel = track.channel;

    bar_->stop();
    bar_->chooseOutput();
    playback::Transport* transport = bar_->service();
    transport->clearLoop();
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    steps_ = std::make_shared<std::atomic<long>>(0);
    outcome_ = std::make_shared<TradeOutcome>();
    // The worker is the transport's only user until it ends (the bar is disabled); the model
    // answers there, between steps, never on the GUI thread.
    worker_ = QThread::create([transport, model, progression, song, opts, out = outcome_,
                               cancel = cancel_, steps = steps_] {
        try {
            compose::TradeSession session(*transport, *model, progression, song, opts);
            std::string failure;
            if (!session.start(&failure)) {
                out->error = failure;
                return;
            }
            out->started = true;
            while (session.step()) {
                steps->fetch_add(1);
                if (cancel->load()) {
                    session.stop();
                    break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            out->result = session.result();
        } catch (const Error& e) {
            out->error = e.what();
        }
        steps->fetch_add(1);
    });
    connect(worker_, &QThread::finished, this, &LivePanel::finishTrade);
    updateActions();
    bar_->message()->setText(
        tr("Trading %1 bars: %2")
            .arg(opts.barsPerTurn)
            .arg(opts.playerFirst ? tr("you start after the count-in") : tr("the model starts")));
    report(tr("Trading…"));
    worker_->start();
    poll_->start();
    return true;
}

void LivePanel::stopTrade() {
    if (cancel_)
        cancel_->store(true);
}

void LivePanel::finishTradeNow() {
    stopTrade();
    if (worker_)
        finishTrade();
}

void LivePanel::finishTrade() {
    if (!worker_) // made already (finishTradeNow), before the thread's signal came
        return;
    worker_->wait();
    delete worker_;
    worker_ = nullptr;
    poll_->stop();
    bar_->listenForErrors(); // the session listened itself while it ran
    roll_->setPlayhead(-1);
    const auto out = std::move(outcome_);
    updateActions();
    const compose::TradeResult& r = out->result;
    const QString failure = QString::fromStdString(out->error.empty() ? r.error : out->error);
    if (!failure.isEmpty()) { // once, on the transport's line (the window only records it)
        bar_->message()->setText(failure);
        Q_EMIT deviceFailed(failure);
    } else {
        bar_->message()->setText(QString());
    }
    const int bars = compose::tradedBars(r);
    if (bars == 0) {
        report(tr("Nothing was traded."));
        Q_EMIT traded(false);
        return;
    }
    // The exchange as a take: the bars closed (a turn cut short by Stop is left out).
    session::Take take;
    take.arrangement = tradeArrangement_;
    take.arrangement.solo = compose::tradeSolo(r);
    const generate::Solo& solo = take.arrangement.solo;
    if (!studio::sameChords(tradeArrangement_.solo.progression, solo.progression) ||
        tradeArrangement_.band.empty()) {
        take.arrangement.band.clear(); // the band played a different length: block chords
        take.arrangement.style.clear();
    }
    take.temperature = tradeTemperature_;
    take.seed = tradeSeed_;
    take.name =
        tr("Trade %1 (%n bar(s))", nullptr, bars).arg(document_->takeCount() + 1).toStdString();
    document_->addTake(std::move(take));
    report(tr("Traded %n bar(s): a new take", nullptr, bars));
    Q_EMIT traded(true);
}

} // namespace jazz::ui
