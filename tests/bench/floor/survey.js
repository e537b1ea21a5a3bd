// The floor's three questions, one per screen, then a thank-you: the least script a survey
// needs (no framework, no router, no outbox).
const questions = [
	'เจ้าหน้าที่ให้บริการด้วยความเต็มใจ',
	'ท่านได้รับข้อมูลเกี่ยวกับการให้บริการอย่างชัดเจน',
	'ท่านพึงพอใจต่อการให้บริการโดยรวม'
];
const options = ['มากที่สุด', 'มาก', 'น้อย', 'น้อยที่สุด'];
const answers = [];
let step = 0;
const form = document.querySelector('form');
const screen = document.querySelector('#screen');
const heading = document.querySelector('h1');
const fill = document.querySelector('.fill');
const bar = document.querySelector('[role=progressbar]');

form.addEventListener('submit', (event) => {
	event.preventDefault();
	if (step > 0) {
		const picked = form.querySelector('input:checked');
		if (!picked) return;
		answers[step - 1] = Number(picked.value);
	}
	step += 1;
	fill.style.width = `${Math.round(((step - 1) / questions.length) * 100)}%`;
	bar.setAttribute('aria-valuenow', String(step - 1));
	if (step > questions.length) {
		heading.textContent = 'ขอบคุณที่ร่วมตอบแบบวัด';
		form.remove();
		localStorage.setItem('floor-answers', JSON.stringify(answers));
		return;
	}
	heading.textContent = `ข้อ ${step} จาก ${questions.length}`;
	screen.replaceChildren();
	const set = document.createElement('fieldset');
	const legend = document.createElement('legend');
	legend.textContent = questions[step - 1];
	set.append(legend);
	options.forEach((text, i) => {
		const label = document.createElement('label');
		const input = document.createElement('input');
		input.type = 'radio';
		input.name = 'answer';
		input.value = String(4 - i);
		label.append(input, text);
		set.append(label);
	});
	screen.append(set);
	form.querySelector('button').textContent = step === questions.length ? 'ส่งคำตอบ' : 'ถัดไป';
	heading.focus();
});
