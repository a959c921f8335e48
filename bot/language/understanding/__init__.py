"""Understanding posts: what a status means (`reading`), weighed from signs of asking and of talk (`evidence`,
`signals`, `talk`, `phrases`), with the kind (`kind`), circle (`circle`), language (`language`) and topics
(`asked_topics`) of a request; commands and answers (`commands`), dates (`dates`); the values they give (`values`).
"""
