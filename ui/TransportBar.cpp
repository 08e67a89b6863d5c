#include "TransportBar.h"

#include "ElidedLabel.h"
#include "PianoRoll.h"
#include "playback/Transport.h"
#include "render/Renderer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace jazz::ui {

namespace {
const char* kFluid = "fluidsynth";
}

TransportBar::TransportBar(StudioDocument* document, PianoRoll* roll,
                           std::shared_ptr<playback::Transport> transport, QWidget* parent)
    : QWidget(parent), document_(document), roll_(roll), transport_(std::move(transport)) {
    // Two rows and a message line, so the bar fits a narrow centre pane (the window stays
    // usable from 1024 px): what you press while playing, then where the sound goes.
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* controls = new QHBoxLayout;
    auto* device = new QHBoxLayout;
    play_ = new QPushButton(tr("▶ Play"), this);
    pause_ = new QPushButton(tr("Pause"), this);
    pause_->setObjectName("pause");
    pause_->setToolTip(tr("Pause; Play goes on from here"));
    pause_->setEnabled(false);
    stop_ = new QPushButton(tr("■ Stop"), this);
    loop_ = new QCheckBox(tr("Loop"), this);
    tempo_ = new QSpinBox(this);
    tempo_->setRange(20, 400);
    tempo_->setValue(130);
    tempo_->setSuffix(tr(" bpm"));
    output_ = new QComboBox(this);
    output_->setMinimumContentsLength(12);
    output_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    output_->setToolTip(tr("Where Play sends the notes"));
    refresh_ = new QPushButton(tr("↻"), this);
    refresh_->setToolTip(tr("Look for MIDI ports again"));
    soundFontButton_ = new QPushButton(tr("SoundFont…"), this);
    panic_ = new QPushButton(tr("Panic"), this);
    panic_->setToolTip(tr("Silence every note on every channel"));
    // A device error can be long (a driver's whole complaint): elided, never widening the window.
    message_ = new ElidedLabel(this);
    message_->setObjectName("transportMessage");
    for (QWidget* w : std::initializer_list<QWidget*>{play_, pause_, stop_, loop_, tempo_})
        controls->addWidget(w);
    controls->addStretch();
    device->addWidget(output_, 1);
    device->addWidget(refresh_);
    device->addWidget(soundFontButton_);
    device->addWidget(panic_);
    layout->addLayout(controls);
    layout->addLayout(device);
    layout->addWidget(message_);

    playhead_ = new QTimer(this);
    playhead_->setInterval(30);
    connect(playhead_, &QTimer::timeout, this, [this] {
        if (!transport_->isOpen())
            return;
        roll_->setPlayhead(std::max(0.0, transport_->position() - countIn_));
        // About twice a second: is the MIDI port still there and connected? (A sink that
        // finds it gone fails, and the engine stops and reports it.)
        if (++polls_ % 16 == 0)
            transport_->poll();
        if (!transport_->isPlaying()) {
            playhead_->stop();
            pause_->setEnabled(false);
            if (pausedAt_ < 0)
                roll_->setPlayhead(-1);
        }
    });
    connect(pause_, &QPushButton::clicked, this, &TransportBar::pause);
    connect(play_, &QPushButton::clicked, this, [this] { play(); });
    connect(stop_, &QPushButton::clicked, this, &TransportBar::stop);
    connect(panic_, &QPushButton::clicked, this, [this] {
        transport_->panic();
        roll_->setPlayhead(-1);
    });
    connect(tempo_, &QSpinBox::valueChanged, this, [this](int bpm) {
        transport_->setTempo(bpm); // takes effect while playing
    });
    connect(loop_, &QCheckBox::toggled, this, [this](bool on) {
        on ? transport_->setLoop(countIn_, transport_->lengthBeats()) : transport_->clearLoop();
    });
    connect(refresh_, &QPushButton::clicked, this, &TransportBar::refreshPorts);
    connect(soundFontButton_, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Choose a SoundFont"), soundFont(),
                                                       tr("SoundFonts (*.sf2 *.sf3)"));
        if (!f.isEmpty())
            setSoundFont(f);
    });
    connect(output_, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue("audio/output", output_->currentData());
        stop();
        transport_->close(); // the next Play opens the new output
    });
    connect(document_, &StudioDocument::mixerChanged, this, &TransportBar::applyMixer);
    connect(document_, &StudioDocument::currentTakeChanged, this, [this] {
        if (const int t = document_->currentTake(); t >= 0)
            tempo_->setValue(int(document_->take(t).arrangement.tempo));
        if (isEnabled()) // disabled: recording or trading owns the transport (LivePanel)
            stop();
    });
    listenForErrors();
    refreshPorts();
}

void TransportBar::listenForErrors() {
    QPointer<TransportBar> self(this);
    transport_->setErrorHandler([self](const std::string& message) {
        // On the playback thread (or the poll's): hand the message to the GUI thread.
        QMetaObject::invokeMethod(qApp, [self, message] {
            if (!self)
                return;
            self->message_->setText(QString::fromStdString(message));
            // Shown once, here beside Play; the window only records it (lastError).
            Q_EMIT self->errorOccurred(QString::fromStdString(message));
            if (self->transport_->inputFailed())
                self->transport_->closeInput(); // the input went: playback goes on
            else
                self->transport_->close(); // the next Play tries again
        });
    });
}

TransportBar::~TransportBar() {
    transport_->stop(); // first: the playback thread may be in the handler
    transport_->setErrorHandler(nullptr);
}

QString TransportBar::soundFont() const {
    const QString s = QSettings().value("audio/soundfont").toString();
    return s.isEmpty() ? QString::fromStdString(render::defaultSoundFont()) : s;
}

void TransportBar::setSoundFont(const QString& path) {
    QSettings().setValue("audio/soundfont", path);
    stop();
    transport_->close();
    message_->setText(tr("SoundFont: %1").arg(QFileInfo(path).fileName()));
}

void TransportBar::refreshPorts() {
    const QString saved = QSettings().value("audio/output", kFluid).toString();
    QSignalBlocker block(output_);
    output_->clear();
    output_->addItem(tr("FluidSynth (built-in synth)"), kFluid);
    std::string error;
    for (const auto& port : playback::Transport::outputPorts(playback::MidiApi::Default, &error))
        output_->addItem(tr("MIDI: %1").arg(QString::fromStdString(port)),
                         QString::fromStdString(port));
    if (!error.empty()) // no MIDI system (a headless machine): FluidSynth stays available
        output_->setToolTip(QString::fromStdString(error));
    const int i = output_->findData(saved);
    output_->setCurrentIndex(i >= 0 ? i : 0);
}

void TransportBar::chooseOutput() {
    if (transport_->output().kind == playback::Output::Kind::Sink)
        return; // given by whoever built the service (a test's recording sink)
    const QString output = output_->currentData().toString();
    if (output == kFluid) {
        playback::FluidSynthSink::Options o;
        o.soundFont = soundFont().toStdString();
        // An audio driver chosen in the preferences (e.g. "pulseaudio", "alsa", "jack", or
        // "file" to record what plays); empty lets FluidSynth pick.
        const QSettings settings;
        o.audioDriver = settings.value("audio/driver").toString().toStdString();
        o.fileName = settings.value("audio/file").toString().toStdString();
        transport_->setOutput(playback::Output::fluid(o));
    } else {
        transport_->setOutput(playback::Output::midiPort(output.toStdString()));
    }
}

bool TransportBar::play() {
    const int t = document_->currentTake();
    if (t < 0) {
        message_->setText(tr("Generate a take first."));
        return false;
    }
    // The take as played, with the band, the mixer and the count-in as set now.
    midi::Song song = document_->song(t, true);
    song.bpm = tempo_->value();
    countIn_ =
        document_->band().countIn ? document_->take(t).arrangement.solo.progression.beatsPerBar : 0;
    const double from = pausedAt_ >= 0 ? pausedAt_ + countIn_ : 0; // resuming skips the count-in
    chooseOutput();
    double length = 0;
    for (const auto& track : song.tracks)
        for (const auto& n : track.notes)
            length = std::max(length, n.start + n.duration);
    loop_->isChecked() ? transport_->setLoop(countIn_, length) : transport_->clearLoop();
    std::string failure;
    if (!transport_->play(song, from, &failure)) {
        const QString error = QString::fromStdString(failure);
        message_->setText(error);
        Q_EMIT errorOccurred(error);
        return false;
    }
    pausedAt_ = -1;
    applyMixer();
    playhead_->start();
    pause_->setEnabled(true);
    message_->setText(from > 0 ? tr("Playing from beat %1").arg(from + 1, 0, 'f', 1)
                               : tr("Playing"));
    return true;
}

void TransportBar::pause() {
    if (!transport_->isPlaying())
        return;
    // Silences what sounds; the position stays.
    pausedAt_ = std::max(0.0, transport_->pause() - countIn_);
    playhead_->stop();
    pause_->setEnabled(false);
    roll_->setPlayhead(pausedAt_);
    message_->setText(tr("Paused at beat %1").arg(pausedAt_ + 1, 0, 'f', 1));
}

void TransportBar::stop() {
    pausedAt_ = -1;
    transport_->stop();
    playhead_->stop();
    pause_->setEnabled(false);
    roll_->setPlayhead(-1);
}

int TransportBar::tempo() const {
    return tempo_->value();
}

bool TransportBar::isPlaying() const {
    return transport_->isPlaying();
}

void TransportBar::applyMixer() {
    if (!transport_->isOpen())
        return;
    const perform::Mixer& m = document_->mixer();
    // Each part has its channel: mute and volume by channel.
    for (const auto& t : transport_->song().tracks)
        transport_->setChannelMix(t.channel, m.channelVolume(t.name), !m.audible(t.name));
}

} // namespace jazz::ui
