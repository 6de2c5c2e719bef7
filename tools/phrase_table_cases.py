"""Hand-written Korean renderings of English quotes with their clause
correspondences, for calibrating the phrase table of ``aligner diff``
(tools/calibrate_phrase_table.py) and for its tests.

Everything here was written for aligner: the quotes and renderings are
invented, faithful renderings except where a case lists ``added`` clauses
(content no quote phrase supports).  ``carries`` pairs a Korean stretch with
the quote words it renders.
"""
from __future__ import annotations

CASES = [
    {
        "quote": "We will not accept a nuclear North Korea, and we will keep working with our allies to stop it.",
        "renderings": ["국무부 대변인은 미국이 핵을 가진 북한을 받아들이지 않을 것이며, 동맹국들과 계속 협력해 이를 막을 것이라고 말했습니다."],
        "carries": [("핵을 가진 북한을 받아들이지 않을 것이며", "We will not accept a nuclear North Korea"),
                    ("동맹국들과 계속 협력해", "we will keep working with our allies"),
                    ("이를 막을 것이라고", "to stop it")],
        "added": [],
    },
    {
        "quote": "The sanctions are working. North Korea's exports fell by half last year.",
        "renderings": ["재무부 관계자는 제재가 효과를 내고 있다며, 지난해 북한의 수출이 절반으로 줄었다고 설명했습니다."],
        "carries": [("제재가 효과를 내고 있다며", "The sanctions are working"),
                    ("지난해 북한의 수출이 절반으로 줄었다고", "North Korea's exports fell by half last year")],
        "added": [],
    },
    {
        "quote": "In my opinion, the talks failed because neither side was ready to compromise.",
        "renderings": ["그는 양측 모두 타협할 준비가 돼 있지 않았기 때문에 회담이 결렬됐다고 평가했습니다."],
        "carries": [("양측 모두 타협할 준비가 돼 있지 않았기 때문에", "because neither side was ready to compromise"),
                    ("회담이 결렬됐다고", "the talks failed")],
        "added": [],
    },
    {
        "quote": "Food prices in Pyongyang have doubled since the border closed, and many families cannot afford rice.",
        "renderings": ["국경이 봉쇄된 이후 평양의 식량 가격이 두 배로 올랐고, 많은 가정이 쌀을 살 형편이 안 된다는 겁니다."],
        "carries": [("국경이 봉쇄된 이후", "since the border closed"),
                    ("평양의 식량 가격이 두 배로 올랐고", "Food prices in Pyongyang have doubled"),
                    ("많은 가정이 쌀을 살 형편이 안 된다는", "many families cannot afford rice")],
        "added": [],
    },
    {
        "quote": "We call on Pyongyang to release the detained fishermen immediately.",
        "renderings": ["국무부는 북한이 억류한 어부들을 즉각 석방할 것을 촉구했습니다.",
                       "대변인은 이번 억류가 명백한 국제법 위반이라며 책임자를 처벌해야 한다고 덧붙였습니다."],
        "carries": [("억류한 어부들을 즉각 석방할 것을 촉구했습니다", "release the detained fishermen immediately")],
        "added": ["명백한 국제법 위반이라며", "책임자를 처벌해야 한다고"],
    },
    {
        "quote": "Our door remains open. We are ready to meet without preconditions.",
        "renderings": ["그는 미국의 대화 제의는 여전히 유효하며 전제 조건 없이 만날 준비가 돼 있다고 말했습니다."],
        "carries": [("대화 제의는 여전히 유효하며", "Our door remains open"),
                    ("전제 조건 없이 만날 준비가 돼 있다고", "We are ready to meet without preconditions")],
        "added": [],
    },
    {
        "quote": "The launch shows that the regime puts weapons before its own people.",
        "renderings": ["그는 이번 발사가 북한 정권이 주민보다 무기를 우선시한다는 것을 보여준다고 비판했습니다.",
                       "그는 또 북한이 올해 안에 7차 핵실험을 할 가능성이 크다고 주장했습니다."],
        "carries": [("주민보다 무기를 우선시한다는 것을", "the regime puts weapons before its own people"),
                    ("이번 발사가", "The launch shows")],
        "added": ["7차 핵실험을 할 가능성이 크다고"],
    },
    {
        "quote": "More than three hundred defectors arrived in the South this year, most of them women.",
        "renderings": ["통일부는 올해 한국에 도착한 탈북민이 300명이 넘으며, 대부분이 여성이라고 밝혔습니다."],
        "carries": [("올해 한국에 도착한 탈북민이 300명이 넘으며", "More than three hundred defectors arrived in the South this year"),
                    ("대부분이 여성이라고", "most of them women")],
        "added": [],
    },
    {
        "quote": "That money does not feed the people. It pays for missiles, and it pays for the elite's luxury goods.",
        "renderings": ["북한이 해외에서 벌어들인 돈은 지난해에만 5억 달러가 넘는 것으로 추산됩니다.",
                       "그는 이 돈이 주민들을 먹여 살리는 데 쓰이지 않고 미사일과 특권층의 사치품 구입에 쓰인다고 지적했습니다."],
        "carries": [("주민들을 먹여 살리는 데 쓰이지 않고", "That money does not feed the people"),
                    ("미사일과", "It pays for missiles"),
                    ("특권층의 사치품 구입에 쓰인다고", "the elite's luxury goods")],
        "added": ["지난해에만 5억 달러가 넘는 것으로 추산됩니다"],
    },
]
