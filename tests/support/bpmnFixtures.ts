/**
 * A small BPMN 2.0 file as another tool (Camunda Modeler, bpmn.io) writes it: one process, two
 * lanes in Russian, a start event, two user tasks, an exclusive gateway with labelled ways, an
 * end event, positions in BPMN DI. For the CLI's and the app's import tests.
 */
export const SALE_BPMN_LANES = ['Менеджер по продажам', 'Клиент'];
export const SALE_BPMN_TASKS = ['Подготовить КП', 'Рассмотреть КП'];

export const SALE_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Defs_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="Process_sale" name="Коммерческое предложение" isExecutable="false">
    <bpmn:laneSet id="LaneSet_1">
      <bpmn:lane id="Lane_manager" name="Менеджер по продажам">
        <bpmn:flowNodeRef>Start_1</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Task_offer</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>End_won</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>End_lost</bpmn:flowNodeRef>
      </bpmn:lane>
      <bpmn:lane id="Lane_client" name="Клиент">
        <bpmn:flowNodeRef>Task_review</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>Gateway_ok</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="Start_1" name="Запрос получен"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Task_offer" name="Подготовить КП"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="Task_review" name="Рассмотреть КП"><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing></bpmn:userTask>
    <bpmn:exclusiveGateway id="Gateway_ok" name="Согласен?"><bpmn:incoming>F3</bpmn:incoming><bpmn:outgoing>F4</bpmn:outgoing><bpmn:outgoing>F5</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="End_won" name="Сделка"><bpmn:incoming>F4</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="End_lost" name="Отказ"><bpmn:incoming>F5</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start_1" targetRef="Task_offer" />
    <bpmn:sequenceFlow id="F2" sourceRef="Task_offer" targetRef="Task_review" />
    <bpmn:sequenceFlow id="F3" sourceRef="Task_review" targetRef="Gateway_ok" />
    <bpmn:sequenceFlow id="F4" name="Да" sourceRef="Gateway_ok" targetRef="End_won" />
    <bpmn:sequenceFlow id="F5" name="Нет" sourceRef="Gateway_ok" targetRef="End_lost" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_1">
    <bpmndi:BPMNPlane id="Plane_1" bpmnElement="Process_sale">
      <bpmndi:BPMNShape id="Lane_manager_di" bpmnElement="Lane_manager" isHorizontal="true"><dc:Bounds x="130" y="80" width="800" height="160" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Lane_client_di" bpmnElement="Lane_client" isHorizontal="true"><dc:Bounds x="130" y="240" width="800" height="160" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Start_1_di" bpmnElement="Start_1"><dc:Bounds x="192" y="142" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_offer_di" bpmnElement="Task_offer"><dc:Bounds x="280" y="120" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_review_di" bpmnElement="Task_review"><dc:Bounds x="430" y="280" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Gateway_ok_di" bpmnElement="Gateway_ok" isMarkerVisible="true"><dc:Bounds x="585" y="295" width="50" height="50" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="End_won_di" bpmnElement="End_won"><dc:Bounds x="712" y="142" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="End_lost_di" bpmnElement="End_lost"><dc:Bounds x="812" y="142" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="228" y="160" /><di:waypoint x="280" y="160" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="380" y="160" /><di:waypoint x="480" y="160" /><di:waypoint x="480" y="280" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="F3_di" bpmnElement="F3"><di:waypoint x="530" y="320" /><di:waypoint x="585" y="320" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="F4_di" bpmnElement="F4"><di:waypoint x="610" y="295" /><di:waypoint x="610" y="160" /><di:waypoint x="712" y="160" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="F5_di" bpmnElement="F5"><di:waypoint x="635" y="320" /><di:waypoint x="830" y="320" /><di:waypoint x="830" y="178" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;

/** Well-formed XML that is not BPMN (an RSS feed). */
export const NOT_BPMN_XML = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Новости</title></channel></rss>`;
