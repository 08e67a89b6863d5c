#include "ChordChartEdit.h"

#include "generate/Progression.h"
#include "theory/ChordSymbol.h"

#include <QFontDatabase>
#include <QPainter>
#include <QTextBlock>

namespace jazz::ui {

// The bar numbers beside the text (Qt's code-editor pattern: a child widget in the viewport
// margin, painted by the editor).
class BarGutter : public QWidget {
public:
    explicit BarGutter(ChordChartEdit* edit) : QWidget(edit), edit_(edit) {}
    QSize sizeHint() const override { return {edit_->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent* e) override { edit_->paintGutter(e); }

private:
    ChordChartEdit* edit_;
};

ChordChartEdit::ChordChartEdit(QWidget* parent)
    : QPlainTextEdit(parent), gutter_(new BarGutter(this)) {
    // Fixed pitch, so bars written one under another line up like a printed chart.
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(true); // Tab leaves the chart, as in any form
    setPlaceholderText("| Dm7 G7 | Cmaj7 | % | |\n| Em7 A7 | Dm7 G7 | Cmaj7 | N.C. |");
    setToolTip(tr("Bars between | lines, four a line. % repeats the bar before; an empty bar "
                  "holds the chord before it; N.C. is no chord; || is one bar line."));
    setViewportMargins(gutterWidth(), 0, 0, 0);
    connect(this, &QPlainTextEdit::textChanged, this, &ChordChartEdit::check);
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect& r, int dy) {
        if (dy)
            gutter_->scroll(0, dy);
        else
            gutter_->update(0, r.y(), gutter_->width(), r.height());
    });
    check();
}

QString ChordChartEdit::layOut(const QString& text) {
    const std::string s = text.toStdString();
    const auto bars = generate::Progression::splitChart(s);
    QStringList lines;
    QString line;
    for (size_t i = 0; i < bars.size(); ++i) {
        QStringList symbols;
        for (const auto& sym : bars[i].symbols)
            symbols << QString::fromStdString(sym);
        line += "| " + (symbols.isEmpty() ? QString() : symbols.join(' ') + ' ');
        if ((i + 1) % kBarsPerLine == 0 || i + 1 == bars.size()) {
            lines << line + "|";
            line.clear();
        }
    }
    return lines.join('\n');
}

void ChordChartEdit::setText(const QString& text) {
    if (text == toPlainText())
        return;
    QTextCursor c(document());
    c.beginEditBlock();
    c.select(QTextCursor::Document);
    c.insertText(text);
    c.endEditBlock();
}

// Each bar on its own: a bad symbol is underlined where it stands, and every bad bar listed,
// so a 32-bar chart shows all its mistakes at once.
void ChordChartEdit::check() {
    const std::string text = toPlainText().toStdString();
    const auto bars = generate::Progression::splitChart(text);
    errors_.clear();
    QList<QTextEdit::ExtraSelection> marks;
    QTextCharFormat bad;
    bad.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    bad.setUnderlineColor(Qt::red);
    bad.setBackground(QColor(255, 214, 214));
    // QString positions: the text is ASCII for chord symbols, but count in UTF-16 anyway.
    auto position = [&](size_t byte) {
        return int(QString::fromStdString(text.substr(0, byte)).size());
    };
    auto mark = [&](size_t begin, size_t end) {
        QTextEdit::ExtraSelection sel;
        sel.format = bad;
        sel.cursor = QTextCursor(document());
        sel.cursor.setPosition(position(begin));
        sel.cursor.setPosition(position(end), QTextCursor::KeepAnchor);
        marks << sel;
    };
    for (size_t b = 0; b < bars.size(); ++b) {
        const auto& bar = bars[b];
        QString error;
        if (b == 0 && bar.symbols.empty())
            error = tr("empty; write its chord (or N.C.)");
        else if (b == 0 && bar.symbols.size() == 1 && bar.symbols[0] == "%")
            error = tr("'%' repeats a bar that does not exist");
        for (const auto& sym : bar.symbols) {
            std::string why;
            if (sym != "%" && !theory::ChordSymbol::tryParse(sym, &why)) {
                error = QString::fromStdString(why);
                break;
            }
        }
        if (!error.isEmpty()) {
            errors_ << tr("Bar %1: %2").arg(b + 1).arg(error);
            mark(bar.begin, bar.end);
        }
    }
    setExtraSelections(marks);
    bars_ = int(bars.size());
    lineBars_.clear();
    for (int i = 0; i < document()->blockCount(); ++i)
        lineBars_ << 0;
    for (size_t b = 0; b < bars.size(); ++b)
        if (bars[b].line < lineBars_.size() && lineBars_[bars[b].line] == 0)
            lineBars_[bars[b].line] = int(b + 1);
    setProperty("invalid", !errors_.isEmpty());
    gutter_->update();
    Q_EMIT checked();
}

int ChordChartEdit::gutterWidth() const {
    return 8 + fontMetrics().horizontalAdvance(QLatin1String("999"));
}

void ChordChartEdit::resizeEvent(QResizeEvent* e) {
    QPlainTextEdit::resizeEvent(e);
    const QRect r = contentsRect();
    gutter_->setGeometry(QRect(r.left(), r.top(), gutterWidth(), r.height()));
}

void ChordChartEdit::paintGutter(QPaintEvent* e) {
    QPainter p(gutter_);
    p.fillRect(e->rect(), palette().color(QPalette::AlternateBase));
    p.setPen(palette().color(QPalette::PlaceholderText));
    QTextBlock block = firstVisibleBlock();
    double top = blockBoundingGeometry(block).translated(contentOffset()).top();
    while (block.isValid() && top <= e->rect().bottom()) {
        const double height = blockBoundingRect(block).height();
        const int n = lineBars_.value(block.blockNumber());
        if (n > 0 && block.isVisible())
            p.drawText(QRectF(0, top, gutter_->width() - 4, height),
                       Qt::AlignRight | Qt::AlignVCenter, QString::number(n));
        block = block.next();
        top += height;
    }
}

// Room for a 12-bar blues (three lines) at once; more lines scroll.
QSize ChordChartEdit::sizeHint() const {
    const int line = fontMetrics().lineSpacing();
    return {gutterWidth() + fontMetrics().averageCharWidth() * 40, line * 4 + 2 * frameWidth() + 8};
}

QSize ChordChartEdit::minimumSizeHint() const {
    const int line = fontMetrics().lineSpacing();
    return {gutterWidth() + fontMetrics().averageCharWidth() * 16, line * 3 + 2 * frameWidth() + 8};
}

} // namespace jazz::ui
